//! Bounded graphs: `for _ in range(10**6): x = x + 1` finishes quickly, with a bounded hash-cons
//! table, bounded buffer reader lists and no memory growth. (Alone in its test binary so that the
//! process's memory is this test's.)

mod eval_support;

use std::time::Instant;

use dtypes::DType;
use eval_support::*;
use numrt::graph::cons;

fn rss_kib() -> usize {
    let statm = std::fs::read_to_string("/proc/self/statm").unwrap_or_default();
    statm.split_whitespace().nth(1).and_then(|p| p.parse::<usize>().ok()).unwrap_or(0) * 4
}

#[test]
fn a_million_increments_run_in_bounded_memory() {
    let a = arange(&[4], DType::Float64);
    let mut x = add_int(&a, 0);
    let start = Instant::now();
    let mut rss0 = 0;
    for i in 0..1_000_000 {
        if i == 100_000 {
            rss0 = rss_kib();
        }
        x = add_int(&x, 1);
        if i == 10_000 {
            assert!(cons::table_len() < 1_000, "hash-cons table grows: {}", cons::table_len());
        }
    }
    assert_eq!(values(&x), vec![1e6, 1e6 + 1.0, 1e6 + 2.0, 1e6 + 3.0]);
    assert!(cons::table_len() < 1_000, "hash-cons table grows: {}", cons::table_len());
    let readers = a.force().unwrap().buffer.take_readers().len();
    assert!(readers <= 2, "{readers} live readers");
    let grown = rss_kib().saturating_sub(rss0);
    assert!(grown < 8 * 1024, "memory grew by {grown} KiB");
    eprintln!("10^6 increments: {:?}", start.elapsed());
}
