//! `FpFlags`: the floating-point error categories a loop raises (NumPy's `np.errstate`
//! categories), plus the one hard error an inner loop can report.

use crate::UfuncError;

/// NumPy's floating-point error flags raised by a loop (numpy.errstate categories).
///
/// The array layer turns them into NumPy's behaviour for the active errstate: by default a
/// RuntimeWarning "divide by zero encountered in <ufunc>" (DIVIDE), "overflow ..." (OVERFLOW),
/// "invalid value ..." (INVALID); UNDERFLOW is ignored by default. `NEGATIVE_POWER` is not an
/// errstate category: it is a hard error (see `FpFlags::error`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FpFlags(pub u8);

impl FpFlags {
    pub const DIVIDE: u8 = 1;
    pub const OVERFLOW: u8 = 2;
    pub const UNDERFLOW: u8 = 4;
    pub const INVALID: u8 = 8;
    /// An integer `power` met a negative exponent. The caller must raise ValueError
    /// ("Integers to negative integer powers are not allowed.") and discard the output.
    pub const NEGATIVE_POWER: u8 = 16;
    /// The four errstate categories.
    pub const ERRSTATE: u8 = Self::DIVIDE | Self::OVERFLOW | Self::UNDERFLOW | Self::INVALID;

    pub fn set(&mut self, bit: u8) {
        self.0 |= bit;
    }

    pub fn has(&self, bit: u8) -> bool {
        self.0 & bit != 0
    }

    pub fn merge(&mut self, other: FpFlags) {
        self.0 |= other.0;
    }

    pub fn is_empty(&self) -> bool {
        self.0 == 0
    }

    /// The hard error a loop reported, if any (it takes precedence over errstate flags).
    pub fn error(&self) -> Option<UfuncError> {
        self.has(Self::NEGATIVE_POWER).then_some(UfuncError::NegativeIntegerPower)
    }

    /// The errstate categories raised, in NumPy's reporting order, each with its errstate name
    /// and the start of NumPy's message ("divide by zero encountered in add").
    pub fn categories(&self) -> impl Iterator<Item = (&'static str, &'static str)> + '_ {
        const ALL: [(u8, &str, &str); 4] = [
            (FpFlags::DIVIDE, "divide", "divide by zero"),
            (FpFlags::OVERFLOW, "over", "overflow"),
            (FpFlags::UNDERFLOW, "under", "underflow"),
            (FpFlags::INVALID, "invalid", "invalid value"),
        ];
        ALL.iter().filter(|(bit, _, _)| self.has(*bit)).map(|&(_, name, words)| (name, words))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_merge_and_report() {
        let mut a = FpFlags::default();
        a.set(FpFlags::INVALID);
        let mut b = FpFlags(FpFlags::DIVIDE);
        b.merge(a);
        assert!(b.has(FpFlags::DIVIDE) && b.has(FpFlags::INVALID));
        let names: Vec<_> = b.categories().map(|c| c.1).collect();
        assert_eq!(names, ["divide by zero", "invalid value"]);
        assert!(b.error().is_none());
        assert_eq!(FpFlags(FpFlags::NEGATIVE_POWER).error(), Some(UfuncError::NegativeIntegerPower));
    }
}
