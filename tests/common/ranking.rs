//! Rankings compared as the browser's client stores scores (thousandths), so that ties may
//! come in either order.

/// Whether the client's top (document, score) equals the engine's documents, except that
/// documents whose client scores tie may come in either order, and a run of ties cut by the
/// end of the list may hold other documents of that score.
pub fn same_ranking<K: Ord + Clone>(js: &[(K, f64)], engine: &[K]) -> bool {
    if js.len() != engine.len() {
        return false;
    }
    let mut i = 0;
    while i < js.len() {
        let j = i + js[i..].iter().take_while(|h| h.1 == js[i].1).count();
        if j < js.len() {
            let mut a: Vec<K> = js[i..j].iter().map(|h| h.0.clone()).collect();
            let mut b = engine[i..j].to_vec();
            a.sort_unstable();
            b.sort_unstable();
            if a != b {
                return false;
            }
        }
        i = j;
    }
    true
}
