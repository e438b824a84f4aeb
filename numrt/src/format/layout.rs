//! The text layout of a whole array, as NumPy's `_formatArray` lays it out: nested brackets,
//! separators, wrapping of rows at the line width with a hanging indent, blank lines between
//! blocks of 3-d and higher arrays, and `...` where a summarised axis skips its middle.
//!
//! Element texts come from `PrintElement`; this module only walks the view and places them.

use std::marker::PhantomData;

use crate::view::View;

use super::element::PrintElement;
use super::PrintOptions;

/// Typed read access to a view's elements by multi-index.
struct Elements<'a, T> {
    view: &'a View,
    _t: PhantomData<T>,
}

impl<T: PrintElement> Elements<'_, T> {
    fn get(&self, index: &[usize]) -> T {
        // SAFETY: `index` is within `view.shape` (callers iterate the shape), and `View`
        // guarantees every in-shape element lies inside its buffer; reads are unaligned-safe.
        unsafe {
            let p = self.view.data_ptr().offset(self.view.byte_offset(index));
            (p as *const T).read_unaligned()
        }
    }
}

/// The indices of one axis whose elements choose the format: all of them, or the first and
/// last `edge` ones (NumPy's `a[:edge]` and `a[-edge:]`; with `edge == 0` the latter is the
/// whole axis).
fn shown_indices(len: usize, edge: usize, summarise: bool) -> Vec<usize> {
    if summarise && edge.saturating_mul(2) < len && edge > 0 {
        (0..edge).chain(len - edge..len).collect()
    } else {
        (0..len).collect()
    }
}

/// Python's `len` of a string.
fn width(s: &str) -> isize {
    s.chars().count() as isize
}

/// Lays out the elements of one array.
struct ArrayText<'a, T: PrintElement> {
    elements: Elements<'a, T>,
    format: T::Format,
    separator: &'a str,
    edge_items: usize,
    summarise: bool,
}

/// NumPy's `array2string` body for a non-empty array: `[1, 2, 3]` (without `array(`/`)`).
/// `prefix` is the text that will precede it (its width indents continuation lines) and
/// `line_width` the width available before the suffix.
pub(crate) fn array_body(
    v: &View,
    opts: &PrintOptions,
    separator: &str,
    prefix: &str,
    line_width: isize,
) -> String {
    dtypes::with_dtype!(v.dtype, T => body_typed::<T>(v, opts, separator, prefix, line_width))
}

fn body_typed<T: PrintElement>(
    v: &View,
    opts: &PrintOptions,
    separator: &str,
    prefix: &str,
    line_width: isize,
) -> String {
    let summarise = v.size() > opts.threshold;
    let elements = Elements::<T> {
        view: v,
        _t: PhantomData,
    };
    let shown = shown_elements(&elements, opts.edgeitems, summarise);
    let format = T::choose_format(&shown, opts, v.ndim() == 0);
    let text = ArrayText {
        elements,
        format,
        separator,
        edge_items: opts.edgeitems,
        summarise,
    };
    let hanging_indent = " ".repeat(1 + width(prefix) as usize);
    text.recurse(
        &mut Vec::with_capacity(v.ndim()),
        &hanging_indent,
        line_width,
    )
}

/// The elements a (possibly summarised) array prints, in C order: NumPy's `_leading_trailing`.
fn shown_elements<T: PrintElement>(e: &Elements<'_, T>, edge: usize, summarise: bool) -> Vec<T> {
    let axes: Vec<Vec<usize>> = e
        .view
        .shape
        .iter()
        .map(|&n| shown_indices(n, edge, summarise))
        .collect();
    let mut out = Vec::with_capacity(axes.iter().map(Vec::len).product());
    let mut index = vec![0usize; axes.len()];
    collect(e, &axes, &mut index, 0, &mut out);
    out
}

fn collect<T: PrintElement>(
    e: &Elements<'_, T>,
    axes: &[Vec<usize>],
    index: &mut [usize],
    axis: usize,
    out: &mut Vec<T>,
) {
    if axis == axes.len() {
        out.push(e.get(index));
        return;
    }
    for &i in &axes[axis] {
        index[axis] = i;
        collect(e, axes, index, axis + 1, out);
    }
}

/// NumPy's `_extendLine`: append `word` to `line`, first moving `line` into `s` and starting a
/// new line with `next_line_prefix` if the word would pass `line_width` (and wrapping helps).
fn extend_line(
    s: &mut String,
    line: &mut String,
    word: &str,
    line_width: isize,
    next_line_prefix: &str,
) {
    let needs_wrap =
        width(line) + width(word) > line_width && width(line) > width(next_line_prefix);
    if needs_wrap {
        s.push_str(line.trim_end());
        s.push('\n');
        *line = next_line_prefix.to_string();
    }
    line.push_str(word);
}

impl<T: PrintElement> ArrayText<'_, T> {
    /// The items of the axis after `index`: indices, with `None` where the summary `...` goes.
    /// Like NumPy, the last item is printed even when `edge_items` is 0.
    fn items(&self, len: usize) -> Vec<Option<usize>> {
        if self.summarise && self.edge_items.saturating_mul(2) < len {
            let (e, tail) = (self.edge_items, self.edge_items.max(1));
            (0..e)
                .map(Some)
                .chain([None])
                .chain((len - tail..len).map(Some))
                .collect()
        } else {
            (0..len).map(Some).collect()
        }
    }

    fn recurse(&self, index: &mut Vec<usize>, hanging_indent: &str, curr_width: isize) -> String {
        let shape = &self.elements.view.shape;
        let axes_left = shape.len() - index.len();
        if axes_left == 0 {
            return self.elements.get(index).format(&self.format);
        }
        let next_indent = format!("{hanging_indent} ");
        let next_width = curr_width - 1;
        let items = self.items(shape[index.len()]);
        let mut word = |i: usize| {
            index.push(i);
            let w = self.recurse(index, &next_indent, next_width);
            index.pop();
            w
        };
        let s = if axes_left == 1 {
            self.row(&items, &mut word, hanging_indent, curr_width)
        } else {
            self.block(&items, &mut word, hanging_indent, axes_left)
        };
        format!("[{}]", &s[hanging_indent.len()..])
    }

    /// The last axis: elements separated and wrapped at the line width.
    fn row(
        &self,
        items: &[Option<usize>],
        word: &mut dyn FnMut(usize) -> String,
        indent: &str,
        curr_width: isize,
    ) -> String {
        let elem_width = curr_width - width(self.separator.trim_end()).max(1);
        let (mut s, mut line) = (String::new(), indent.to_string());
        for (k, item) in items.iter().enumerate() {
            let text = item.map_or_else(|| "...".to_string(), &mut *word);
            extend_line(&mut s, &mut line, &text, elem_width, indent);
            if k + 1 < items.len() {
                line.push_str(self.separator);
            }
        }
        s.push_str(&line);
        s
    }

    /// Outer axes: one nested array per line, `axes_left - 1` newlines between them.
    fn block(
        &self,
        items: &[Option<usize>],
        word: &mut dyn FnMut(usize) -> String,
        indent: &str,
        axes_left: usize,
    ) -> String {
        let line_sep = format!(
            "{}{}",
            self.separator.trim_end(),
            "\n".repeat(axes_left - 1)
        );
        let mut s = String::new();
        for (k, item) in items.iter().enumerate() {
            s.push_str(indent);
            s.push_str(&item.map_or_else(|| "...".to_string(), &mut *word));
            if k + 1 < items.len() {
                s.push_str(&line_sep);
            }
        }
        s
    }
}
