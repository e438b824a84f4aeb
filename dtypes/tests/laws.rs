//! Algebraic laws of promotion and casting, checked exhaustively where the domain is small and
//! with proptest over random operand lists otherwise.

use dtypes::{can_cast, promote_types, result_type, Casting, DType, Operand};
use proptest::prelude::*;

fn any_dtype() -> impl Strategy<Value = DType> {
    (0..DType::ALL.len()).prop_map(|i| DType::ALL[i])
}

fn any_operand() -> impl Strategy<Value = Operand> {
    prop_oneof![
        any_dtype().prop_map(Operand::Array),
        any_dtype().prop_map(Operand::Scalar),
        any::<bool>().prop_map(Operand::PyBool),
        any::<i64>().prop_map(|v| Operand::PyInt(v as i128)),
        any::<f64>().prop_map(Operand::PyFloat),
        (any::<f64>(), any::<f64>()).prop_map(|(re, im)| Operand::PyComplex(re, im)),
    ]
}

#[test]
fn promote_types_is_commutative_idempotent_and_an_upper_bound() {
    for a in DType::ALL {
        assert_eq!(promote_types(a, a), Ok(a));
        for b in DType::ALL {
            let ab = promote_types(a, b).unwrap();
            assert_eq!(Ok(ab), promote_types(b, a), "{a} {b}");
            assert!(can_cast(a, ab, Casting::Safe) && can_cast(b, ab, Casting::Safe), "{a} {b}");
        }
    }
}

#[test]
fn casting_levels_are_nested() {
    for a in DType::ALL {
        for b in DType::ALL {
            let allowed = Casting::ALL.map(|c| can_cast(a, b, c));
            // Each rule allows at least what every stricter rule allows.
            assert!(allowed.windows(2).all(|w| !w[0] || w[1]), "{a} -> {b}: {allowed:?}");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn single_strong_operand_is_its_own_result(d in any_dtype(), scalar in any::<bool>()) {
        let op = if scalar { Operand::Scalar(d) } else { Operand::Array(d) };
        prop_assert_eq!(result_type(&[op]), Ok(d));
    }

    #[test]
    fn result_type_ignores_operand_order(
        ops in proptest::collection::vec(any_operand(), 2..6),
        rotation in 0usize..6,
    ) {
        let mut other = ops.clone();
        other.reverse();
        let k = rotation % other.len();
        other.rotate_left(k);
        prop_assert_eq!(result_type(&ops), result_type(&other));
    }

    #[test]
    fn strong_operands_cast_safely_to_the_result(
        ops in proptest::collection::vec(any_operand(), 1..6),
    ) {
        let Ok(res) = result_type(&ops) else { return Ok(()) };
        for op in &ops {
            if let Some(d) = op.strong_dtype() {
                prop_assert!(can_cast(d, res, Casting::Safe), "{d} -> {res} in {ops:?}");
            }
        }
    }
}
