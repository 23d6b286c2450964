//! Whether a step's outputs are up to date, from modification times.

use std::fs;
use std::path::Path;
use std::time::SystemTime;

fn mtime(path: &Path) -> Option<SystemTime> {
    fs::metadata(path).and_then(|meta| meta.modified()).ok()
}

pub(super) fn is_stale(inputs: &[&Path], outputs: &[&Path]) -> bool {
    let inputs: Vec<_> = inputs.iter().map(|path| mtime(path)).collect();
    let outputs: Vec<_> = outputs.iter().map(|path| mtime(path)).collect();
    stale_by_mtime(&inputs, &outputs)
}

/// Outputs must all exist and be newer than every input. A missing input counts as stale so the
/// step runs and its tool reports the missing file.
fn stale_by_mtime(inputs: &[Option<SystemTime>], outputs: &[Option<SystemTime>]) -> bool {
    if outputs.is_empty() || inputs.contains(&None) || outputs.contains(&None) {
        return true;
    }
    inputs.iter().flatten().max() > outputs.iter().flatten().min()
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    fn at(secs: u64) -> Option<SystemTime> {
        Some(SystemTime::UNIX_EPOCH + Duration::from_secs(secs))
    }

    #[test]
    fn outputs_newer_than_every_input_are_fresh() {
        assert!(!stale_by_mtime(&[at(1), at(2)], &[at(3), at(4)]));
    }

    #[test]
    fn an_input_newer_than_any_output_is_stale() {
        assert!(stale_by_mtime(&[at(1), at(5)], &[at(3), at(9)]));
    }

    #[test]
    fn a_missing_output_is_stale() {
        assert!(stale_by_mtime(&[at(1)], &[at(3), None]));
    }

    #[test]
    fn a_missing_input_is_stale() {
        assert!(stale_by_mtime(&[None], &[at(3)]));
    }
}
