//! `KernelSignature`: the structural key of a pending expression — ops, dtypes, and for every
//! leaf its layout class and rank, never its sizes. It is what the LLVM tier will cache compiled
//! kernels by: two expressions with equal signatures can run the same kernel.
//!
//! Leaves are numbered by first appearance (depth-first, inputs in order), so `a + a` and
//! `a + b` differ; a node reached twice is written as a back-reference `@k`, so shared
//! subexpressions are part of the structure. The hash is FNV-1a over the canonical text, which
//! is stable across processes and Rust versions (an on-disk cache can use it).

use std::collections::HashMap;
use std::sync::Arc;

use crate::graph::ir::{Node, NodeId, Op};
use crate::layout::broadcast_strides;

/// A canonical description of an expression's structure and its 64-bit hash.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct KernelSignature {
    pub text: String,
    pub hash: u64,
}

impl Node {
    /// The structural signature of this node's pending expression (values count as leaves).
    pub fn signature(self: &Arc<Self>) -> KernelSignature {
        let mut w = Writer { shape: self.shape.clone(), seen: HashMap::new(), leaves: 0, text: String::new() };
        w.text.push_str(&format!("r{}:", self.shape.len()));
        w.write(self);
        let hash = fnv1a(w.text.as_bytes());
        KernelSignature { text: w.text, hash }
    }
}

struct Writer {
    shape: Vec<usize>,
    seen: HashMap<NodeId, usize>,
    leaves: usize,
    text: String,
}

enum Step {
    Enter(Arc<Node>),
    Text(&'static str),
}

impl Writer {
    /// Iterative pre-order walk (graphs are depth-bounded, but a walk must never recurse deeply).
    fn write(&mut self, root: &Arc<Node>) {
        let mut stack = vec![Step::Enter(root.clone())];
        while let Some(step) = stack.pop() {
            let node = match step {
                Step::Text(t) => {
                    self.text.push_str(t);
                    continue;
                }
                Step::Enter(n) => n,
            };
            if let Some(k) = self.seen.get(&node.id) {
                self.text.push_str(&format!("@{k}"));
                continue;
            }
            let number = self.seen.len();
            self.seen.insert(node.id, number);
            if !node.is_pending() {
                self.leaf(&node);
                continue;
            }
            self.text.push_str(&format!("{}:{}(", node.op.name(), node.dtype.char()));
            stack.push(Step::Text(")"));
            let inputs = node.inputs();
            for (k, input) in inputs.into_iter().enumerate().rev() {
                stack.push(Step::Enter(input));
                if k > 0 {
                    stack.push(Step::Text(","));
                }
            }
        }
    }

    fn leaf(&mut self, node: &Node) {
        let n = self.leaves;
        self.leaves += 1;
        if let Op::Const(s) = &node.op {
            self.text.push_str(&format!("C{n}:{}", s.dtype().char()));
            return;
        }
        let class = match node.value() {
            Some(v) => layout_class(&v.shape, &v.strides, v.dtype.itemsize(), &self.shape),
            None => "?".into(),
        };
        self.text.push_str(&format!("L{n}:{}:{}", node.dtype.char(), class));
    }
}

/// Layout class of a leaf read at `target` shape: one letter per dim — `0` stride 0 (broadcast
/// or length 1), `n` negative, `s` other strides — and a prefix `c` when the non-zero dims form
/// a C-contiguous tail. Sizes are not part of it.
pub fn layout_class(shape: &[usize], strides: &[isize], itemsize: usize, target: &[usize]) -> String {
    let strides = match broadcast_strides(shape, strides, target) {
        Ok(s) => s,
        Err(_) => return "!".into(),
    };
    let mut dims = String::new();
    let mut contiguous = true;
    let mut expected = itemsize as isize;
    for k in (0..target.len()).rev() {
        let s = if target[k] == 1 { 0 } else { strides[k] };
        if s != 0 {
            contiguous &= s == expected;
            expected = s * target[k] as isize;
        }
        dims.insert(
            0,
            match s {
                0 => '0',
                s if s < 0 => 'n',
                _ => 's',
            },
        );
    }
    format!("{}{}", if contiguous { "c" } else { "" }, dims)
}

/// FNV-1a, 64 bit.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layout_classes() {
        assert_eq!(layout_class(&[3, 4], &[32, 8], 8, &[3, 4]), "css");
        assert_eq!(layout_class(&[4], &[8], 8, &[3, 4]), "c0s");
        assert_eq!(layout_class(&[3, 4], &[8, 24], 8, &[3, 4]), "ss");
        assert_eq!(layout_class(&[4], &[-8], 8, &[4]), "n");
        assert_ne!(fnv1a(b"a"), fnv1a(b"b"));
    }
}
