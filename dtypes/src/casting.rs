//! NumPy's casting rules: the `Casting` levels (`casting=` keyword) and `can_cast`.
//!
//! Rules, not a table: `no`/`equiv` only allow the same dtype (numpypy has no byte-swapped
//! dtypes); `safe` is "promotion to the target gives the target"; `same_kind` compares kinds in
//! NumPy's order bool < uint < int < float < complex (so uint64 -> int8 is allowed, int8 ->
//! uint8 is not); `unsafe` allows everything. Value casts live in `element.rs`.

use crate::promote::promote_types;
use crate::{DType, DTypeError};

/// NumPy's `casting=` rules, from strictest to loosest.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Casting {
    No,
    Equiv,
    Safe,
    SameKind,
    Unsafe,
}

impl Casting {
    /// Every rule, strictest first.
    pub const ALL: [Casting; 5] =
        [Casting::No, Casting::Equiv, Casting::Safe, Casting::SameKind, Casting::Unsafe];

    /// NumPy's spelling: `"no"`, `"equiv"`, `"safe"`, `"same_kind"`, `"unsafe"`.
    pub fn name(self) -> &'static str {
        match self {
            Casting::No => "no",
            Casting::Equiv => "equiv",
            Casting::Safe => "safe",
            Casting::SameKind => "same_kind",
            Casting::Unsafe => "unsafe",
        }
    }

    /// Parse NumPy's spelling (case-sensitive, as NumPy). `"same_value"` (NumPy 2.4, `astype`
    /// only) is reported as unsupported; anything else is NumPy's ValueError.
    pub fn from_name(s: &str) -> Result<Casting, DTypeError> {
        if let Some(c) = Casting::ALL.into_iter().find(|c| c.name() == s) {
            return Ok(c);
        }
        if s == "same_value" {
            return Err(DTypeError::Unsupported("casting='same_value'".to_string()));
        }
        Err(DTypeError::InvalidCasting(s.to_string()))
    }
}

impl std::fmt::Display for Casting {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// `np.can_cast(from, to, casting)` for dtypes.
pub fn can_cast(from: DType, to: DType, casting: Casting) -> bool {
    match casting {
        Casting::No | Casting::Equiv => from == to,
        Casting::Safe => promote_types(from, to) == Ok(to),
        Casting::SameKind => from.kind() <= to.kind(),
        Casting::Unsafe => true,
    }
}

/// `can_cast`, as an error naming the rule when the cast is not allowed (NumPy's TypeError).
pub fn check_cast(from: DType, to: DType, casting: Casting) -> Result<(), DTypeError> {
    if can_cast(from, to, casting) {
        Ok(())
    } else {
        Err(DTypeError::CannotCast { from, to, casting: casting.name() })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for c in Casting::ALL {
            assert_eq!(Casting::from_name(c.name()), Ok(c));
        }
        assert_eq!(
            Casting::from_name("Safe").unwrap_err().to_string(),
            "casting must be one of 'no', 'equiv', 'safe', 'same_kind', 'unsafe' (got 'Safe')"
        );
        assert!(matches!(Casting::from_name("same_value"), Err(DTypeError::Unsupported(_))));
    }

    #[test]
    fn same_kind_follows_numpy_kind_order() {
        assert!(can_cast(DType::UInt64, DType::Int8, Casting::SameKind));
        assert!(!can_cast(DType::Int8, DType::UInt8, Casting::SameKind));
        assert!(can_cast(DType::Bool, DType::Int8, Casting::SameKind));
        assert!(!can_cast(DType::Int8, DType::Bool, Casting::SameKind));
        assert!(!can_cast(DType::Float16, DType::Int64, Casting::SameKind));
        assert!(can_cast(DType::Float64, DType::Complex64, Casting::SameKind));
    }

    #[test]
    fn check_cast_names_the_rule() {
        let e = check_cast(DType::Float64, DType::Int8, Casting::SameKind).unwrap_err();
        assert_eq!(
            e.to_string(),
            "Cannot cast array data from dtype('float64') to dtype('int8') according to the rule 'same_kind'"
        );
    }
}
