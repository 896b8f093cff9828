//! Property tests of the JSON and XML decoders and the model readers: whatever
//! bytes arrive, decoding returns a value or an error and never panics.
//!
//! Inputs are random bytes and mutations of the published samples in
//! `tests/fixtures`. The case count defaults to 2,000 per property; set
//! `PROPTEST_CASES` for a longer run.

use cerapi::model::erls::{access_points_from_wire, erls_from_wire, lookups_from_wire};
use cerapi::model::groups::groups_from_wire;
use cerapi::model::records;
use cerapi::model::results::{BulkResult, BulkShape, WriteResult};
use cerapi::model::roles::roles_from_wire;
use cerapi::model::subnets::subnets_from_wire;
use cerapi::model::users::users_from_wire;
use cerapi::model::v2::{CallRecord, Phone};
use cerapi::wire::{decode, Format};
use proptest::prelude::*;

fn fixtures() -> Vec<Vec<u8>> {
    let folder = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
    let mut files: Vec<Vec<u8>> = std::fs::read_dir(folder)
        .expect("tests/fixtures exists")
        .filter_map(|entry| entry.ok())
        .filter(|entry| {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            name.ends_with(".json") || name.ends_with(".xml")
        })
        .filter_map(|entry| std::fs::read(entry.path()).ok())
        .collect();
    files.sort();
    files
}

/// Runs every reader on a decoded tree; each may fail but none may panic.
fn read_all(value: &serde_json::Value) {
    let _ = users_from_wire(value);
    let _ = roles_from_wire(value);
    let _ = groups_from_wire(value);
    let _ = erls_from_wire(value);
    let _ = subnets_from_wire(value);
    let _ = lookups_from_wire(value);
    let _ = access_points_from_wire(value);
    let _ = WriteResult::from_wire(value);
    let shape = BulkShape {
        wrapper: "users",
        item: "user",
        name_key: "name",
    };
    let _ = BulkResult::from_wire(value, &shape, &["admin".to_string()]);
    for record in records(value) {
        let _ = Phone::from_wire(record);
        let _ = CallRecord::from_wire(record);
    }
}

fn decode_both(bytes: &[u8]) {
    for format in [Format::Json, Format::Xml] {
        if let Ok(value) = decode(format, bytes) {
            read_all(&value);
        }
    }
}

#[derive(Debug, Clone)]
enum Mutation {
    Flip(usize, u8),
    Insert(usize, u8),
    Delete(usize),
    Truncate(usize),
    Duplicate(usize, usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Mutation::Flip(i, b)),
        (
            any::<usize>(),
            prop::sample::select(b"<>/\"{}[],:&;\\ \x00\xff".to_vec())
        )
            .prop_map(|(i, b)| Mutation::Insert(i, b)),
        any::<usize>().prop_map(Mutation::Delete),
        any::<usize>().prop_map(Mutation::Truncate),
        (any::<usize>(), 1usize..64).prop_map(|(i, n)| Mutation::Duplicate(i, n)),
    ]
}

fn apply(mut bytes: Vec<u8>, mutations: &[Mutation]) -> Vec<u8> {
    for m in mutations {
        if bytes.is_empty() {
            break;
        }
        let at = |i: usize| i % bytes.len();
        match *m {
            Mutation::Flip(i, b) => {
                let i = at(i);
                bytes[i] ^= b;
            }
            Mutation::Insert(i, b) => {
                let i = at(i);
                bytes.insert(i, b);
            }
            Mutation::Delete(i) => {
                let i = at(i);
                bytes.remove(i);
            }
            Mutation::Truncate(i) => {
                let i = at(i);
                bytes.truncate(i);
            }
            Mutation::Duplicate(i, n) => {
                let i = at(i);
                let end = (i + n).min(bytes.len());
                let copy = bytes[i..end].to_vec();
                bytes.splice(i..i, copy);
            }
        }
    }
    bytes
}

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(2000);
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        decode_both(&bytes);
    }

    #[test]
    fn mutated_samples_never_panic(index in any::<usize>(), mutations in prop::collection::vec(mutation(), 1..8)) {
        let samples = fixtures();
        prop_assume!(!samples.is_empty());
        let sample = samples[index % samples.len()].clone();
        decode_both(&apply(sample, &mutations));
    }

    #[test]
    fn deep_nesting_is_an_error_or_a_value(depth in 1usize..3000, xml in any::<bool>()) {
        let bytes = if xml {
            format!("{}{}", "<a>".repeat(depth), "</a>".repeat(depth)).into_bytes()
        } else {
            format!("{}{}", "[".repeat(depth), "]".repeat(depth)).into_bytes()
        };
        decode_both(&bytes);
    }
}

#[test]
fn every_sample_decodes_and_reads() {
    let samples = fixtures();
    assert!(
        samples.len() > 40,
        "expected the published samples in tests/fixtures"
    );
    for sample in &samples {
        let format = if sample.trim_ascii_start().starts_with(b"<") {
            Format::Xml
        } else {
            Format::Json
        };
        let value = decode(format, sample).expect("a published sample decodes");
        read_all(&value);
    }
}
