//! `BigUint`: the few unsigned big-integer operations Dragon4 digit generation needs (shift,
//! multiply by small numbers and powers of ten, add, subtract, compare).
//!
//! Limbs are 32-bit, little-endian, with no zero limb at the top, so the limb count orders
//! values. This is not a general bignum: no division beyond `take_digit`, which assumes the
//! quotient is below 10 as it always is in Dragon4.

use std::cmp::Ordering;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct BigUint {
    limbs: Vec<u32>,
}

impl BigUint {
    pub fn from_u64(v: u64) -> BigUint {
        let mut b = BigUint {
            limbs: vec![v as u32, (v >> 32) as u32],
        };
        b.trim();
        b
    }

    /// `2^n`.
    pub fn pow2(n: u32) -> BigUint {
        let mut b = BigUint::from_u64(1);
        b.shl(n);
        b
    }

    pub fn is_zero(&self) -> bool {
        self.limbs.is_empty()
    }

    fn trim(&mut self) {
        while self.limbs.last() == Some(&0) {
            self.limbs.pop();
        }
    }

    /// `self <<= n`.
    pub fn shl(&mut self, n: u32) {
        if self.is_zero() {
            return;
        }
        let (blocks, bits) = ((n / 32) as usize, n % 32);
        if bits != 0 {
            let mut carry = 0u32;
            for l in &mut self.limbs {
                let next = *l >> (32 - bits);
                *l = (*l << bits) | carry;
                carry = next;
            }
            if carry != 0 {
                self.limbs.push(carry);
            }
        }
        self.limbs.splice(0..0, std::iter::repeat_n(0, blocks));
    }

    /// `self *= m`.
    pub fn mul_small(&mut self, m: u32) {
        let mut carry = 0u64;
        for l in &mut self.limbs {
            let p = *l as u64 * m as u64 + carry;
            *l = p as u32;
            carry = p >> 32;
        }
        if carry != 0 {
            self.limbs.push(carry as u32);
        }
        self.trim();
    }

    /// `self *= 10^n`.
    pub fn mul_pow10(&mut self, mut n: u32) {
        while n >= 9 {
            self.mul_small(1_000_000_000);
            n -= 9;
        }
        self.mul_small(10u32.pow(n));
    }

    /// `self + other`.
    pub fn add(&self, other: &BigUint) -> BigUint {
        let (long, short) = if self.limbs.len() >= other.limbs.len() {
            (self, other)
        } else {
            (other, self)
        };
        let mut limbs = Vec::with_capacity(long.limbs.len() + 1);
        let mut carry = 0u64;
        for (i, &l) in long.limbs.iter().enumerate() {
            let s = l as u64 + *short.limbs.get(i).unwrap_or(&0) as u64 + carry;
            limbs.push(s as u32);
            carry = s >> 32;
        }
        if carry != 0 {
            limbs.push(carry as u32);
        }
        BigUint { limbs }
    }

    /// `self -= other`; `other` must not exceed `self`.
    fn sub_assign(&mut self, other: &BigUint) {
        let mut borrow = 0i64;
        for (i, l) in self.limbs.iter_mut().enumerate() {
            let d = *l as i64 - *other.limbs.get(i).unwrap_or(&0) as i64 - borrow;
            *l = d.rem_euclid(1 << 32) as u32;
            borrow = (d < 0) as i64;
        }
        debug_assert_eq!(borrow, 0, "BigUint subtraction underflow");
        self.trim();
    }

    /// Replace `self` by `self % divisor` and return `self / divisor`, which must be below 10.
    pub fn take_digit(&mut self, divisor: &BigUint) -> u32 {
        let mut q = 0;
        while (*self).cmp(divisor) != Ordering::Less {
            self.sub_assign(divisor);
            q += 1;
        }
        debug_assert!(q < 10, "Dragon4 digit out of range");
        q
    }
}

impl PartialOrd for BigUint {
    fn partial_cmp(&self, other: &BigUint) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for BigUint {
    fn cmp(&self, other: &BigUint) -> Ordering {
        self.limbs
            .len()
            .cmp(&other.limbs.len())
            .then_with(|| self.limbs.iter().rev().cmp(other.limbs.iter().rev()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn to_u128(b: &BigUint) -> u128 {
        b.limbs
            .iter()
            .rev()
            .fold(0u128, |acc, &l| (acc << 32) | l as u128)
    }

    #[test]
    fn arithmetic_matches_u128() {
        let mut a = BigUint::from_u64(0xdead_beef_1234_5678);
        a.shl(13);
        assert_eq!(to_u128(&a), 0xdead_beef_1234_5678u128 << 13);
        a.mul_pow10(5);
        assert_eq!(to_u128(&a), (0xdead_beef_1234_5678u128 << 13) * 100_000);
        let b = BigUint::pow2(100);
        assert_eq!(to_u128(&b.add(&BigUint::from_u64(7))), (1u128 << 100) + 7);
        assert_eq!(b.cmp(&a), Ordering::Greater);
        assert_eq!(a.cmp(&a.clone()), Ordering::Equal);
        let mut r = BigUint::from_u64(97);
        assert_eq!(r.take_digit(&BigUint::from_u64(10)), 9);
        assert_eq!(to_u128(&r), 7);
        assert!(BigUint::from_u64(0).is_zero());
    }
}
