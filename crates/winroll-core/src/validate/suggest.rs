//! "Did you mean …?" for misspelled field names.

/// The known name closest to `typo`, if it is close enough to be a likely misspelling.
pub fn closest<'a>(typo: &str, known: &[&'a str]) -> Option<&'a str> {
    let allowed = |k: &str| (k.chars().count() / 3).max(2);
    // The distance is at least the difference in length: a key much longer than every known
    // name cannot be a misspelling, and is not worth a quadratic comparison (a 20 MB key).
    let longest = known.iter().map(|k| k.chars().count() + allowed(k)).max()?;
    if typo.chars().take(longest + 1).count() > longest {
        return None;
    }
    let typo_lower = typo.to_lowercase();
    known
        .iter()
        .map(|k| (*k, distance(&typo_lower, &k.to_lowercase())))
        .filter(|(k, d)| *d <= allowed(k))
        .min_by_key(|(_, d)| *d)
        .map(|(k, _)| k)
}

/// Optimal string alignment distance: Levenshtein plus adjacent swaps (`nmae` → `name` is 1).
fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut rows = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in rows.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in rows[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (rows[i - 1][j] + 1)
                .min(rows[i][j - 1] + 1)
                .min(rows[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(rows[i - 2][j - 2] + 1);
            }
            rows[i][j] = best;
        }
    }
    rows[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_near_misses_only() {
        let known = ["name", "description", "rules", "segmentId"];
        assert_eq!(closest("nmae", &known), Some("name"));
        assert_eq!(closest("segmentID", &known), Some("segmentId"));
        assert_eq!(closest("descripton", &known), Some("description"));
        assert_eq!(closest("policy", &known), None);
        assert_eq!(closest(&"n".repeat(1_000_000), &known), None);
    }
}
