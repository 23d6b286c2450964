//! The two ways of choosing the team: exact while the search is small, greedy beyond.

/// The largest `states × candidates` product searched exactly: a few milliseconds of work.
pub(super) const EXACT_BUDGET: usize = 1 << 22;

/// A stakeholder as the cover sees it: the elements it covers and its match score.
#[derive(Debug, Clone, Copy)]
pub(super) struct Candidate {
    pub id: i64,
    pub mask: u32,
    pub score: u32,
}

/// Minimum cover by dynamic programming over subsets of the target, numbered compactly.
pub(super) fn exact_cover(pool: &[Candidate], target: u32) -> Vec<Candidate> {
    let bits: Vec<u32> = (0..32).filter(|b| target & (1 << b) != 0).collect();
    let compact = |mask: u32| {
        bits.iter().enumerate().fold(0usize, |acc, (i, b)| {
            acc | (((mask >> b) & 1) as usize) << i
        })
    };
    let full = (1usize << bits.len()) - 1;
    let masks: Vec<usize> = pool.iter().map(|c| compact(c.mask)).collect();

    #[derive(Clone, Copy)]
    struct State {
        size: u8,
        score: u32,
        prev: usize,
        via: usize,
    }
    let mut states: Vec<Option<State>> = vec![None; full + 1];
    states[0] = Some(State {
        size: 0,
        score: 0,
        prev: 0,
        via: usize::MAX,
    });
    // Adding a member only sets bits, so every transition goes to a larger number and one pass in
    // increasing order sees each state final before expanding it.
    for state in 0..full {
        let Some(here) = states[state] else { continue };
        for (c, &m) in masks.iter().enumerate() {
            let next = state | m;
            if next == state {
                continue;
            }
            let candidate = State {
                size: here.size + 1,
                score: here.score + pool[c].score,
                prev: state,
                via: c,
            };
            let better = match states[next] {
                None => true,
                Some(old) => {
                    (candidate.size, std::cmp::Reverse(candidate.score))
                        < (old.size, std::cmp::Reverse(old.score))
                }
            };
            if better {
                states[next] = Some(candidate);
            }
        }
    }
    let mut chosen = Vec::new();
    let mut at = full;
    while at != 0 {
        let s = states[at].expect("the target is reachable: it is the union of the pool");
        chosen.push(pool[s.via]);
        at = s.prev;
    }
    chosen
}

/// Greedy cover: repeatedly the candidate that covers most of what is still uncovered.
pub(super) fn greedy_cover(pool: &[Candidate], target: u32) -> Vec<Candidate> {
    let mut covered = 0;
    let mut chosen = Vec::new();
    while covered != target {
        // `pool` is sorted strongest first, so `max_by_key` keeping the first maximum breaks ties
        // towards the stronger, then lower-id, candidate.
        let best = pool
            .iter()
            .copied()
            .rev()
            .max_by_key(|c| (c.mask & !covered).count_ones())
            .expect("a non-empty target has candidates");
        covered |= best.mask;
        chosen.push(best);
    }
    chosen
}
