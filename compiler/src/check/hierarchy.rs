//! Type hierarchies: takes the `extends` edges among the types declared in
//! one block, gives the order to resolve them in (parents before children)
//! and the edges that close a cycle, each with the cycle it closes.
//!
//! Every later pass walks `extends` chains freely, so a cycle is reported
//! once here and its closing edge dropped. The walk is iterative: a chain
//! of thousands of declarations costs no stack.

/// An `extends` edge that closes a cycle: `child`'s parent number `edge`
/// points back to a type on the path to `child`. `path` is the cycle from
/// that parent down to `child`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Cycle {
    pub child: usize,
    pub edge: usize,
    pub path: Vec<usize>,
}

/// Parents-first order of the nodes `0..parents.len()` (`parents[n]` lists
/// node `n`'s parents; indices outside the batch are ignored), and the
/// edges to leave out so that no cycle remains.
pub(super) fn parents_first(parents: &[Vec<usize>]) -> (Vec<usize>, Vec<Cycle>) {
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        New,
        OnPath,
        Done,
    }
    let mut state = vec![State::New; parents.len()];
    let mut order = Vec::with_capacity(parents.len());
    let mut cycles = Vec::new();
    for root in 0..parents.len() {
        if state[root] != State::New {
            continue;
        }
        // The path from `root`: each node with the next parent to visit.
        let mut path: Vec<(usize, usize)> = vec![(root, 0)];
        state[root] = State::OnPath;
        while let Some(&mut (node, ref mut next)) = path.last_mut() {
            let Some(&parent) = parents[node].get(*next) else {
                state[node] = State::Done;
                order.push(node);
                path.pop();
                continue;
            };
            let edge = *next;
            *next += 1;
            match state.get(parent) {
                Some(State::New) => {
                    state[parent] = State::OnPath;
                    path.push((parent, 0));
                }
                Some(State::OnPath) => {
                    let from = path.iter().position(|(n, _)| *n == parent).unwrap_or(0);
                    cycles.push(Cycle { child: node, edge, path: path[from..].iter().map(|(n, _)| *n).collect() });
                }
                Some(State::Done) | None => {}
            }
        }
    }
    (order, cycles)
}

/// How a cycle reads in a message: "`C` extends `A`, `A` extends `B`,
/// `B` extends `C`" (or "`A` extends itself").
pub(super) fn describe(cycle: &Cycle, name: impl Fn(usize) -> String) -> String {
    let mut links: Vec<(usize, usize)> = vec![(cycle.child, cycle.path[0])];
    links.extend(cycle.path.windows(2).map(|pair| (pair[0], pair[1])));
    links.iter().map(|(from, to)| format!("`{}` extends `{}`", name(*from), name(*to))).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parents_come_first_and_cycles_are_found_once() {
        // 0 extends 1, 1 extends 2, 2 extends 0; 3 extends 3; 4 extends 1.
        let parents = vec![vec![1], vec![2], vec![0], vec![3], vec![1]];
        let (order, cycles) = parents_first(&parents);
        assert_eq!(order, vec![2, 1, 0, 3, 4]);
        assert_eq!(cycles, vec![Cycle { child: 2, edge: 0, path: vec![0, 1, 2] }, Cycle { child: 3, edge: 0, path: vec![3] }]);
        let names = ["A", "B", "C", "D"];
        assert_eq!(describe(&cycles[0], |i| names[i].to_string()), "`C` extends `A`, `A` extends `B`, `B` extends `C`");
        assert_eq!(describe(&cycles[1], |i| names[i].to_string()), "`D` extends `D`");
    }

    #[test]
    fn long_chains_cost_no_stack() {
        let parents: Vec<Vec<usize>> = (0..200_000).map(|i| vec![i + 1]).collect();
        let (order, cycles) = parents_first(&parents);
        assert_eq!(order.len(), 200_000);
        assert_eq!(order[0], 199_999);
        assert!(cycles.is_empty());
    }
}
