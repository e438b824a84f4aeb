//! `Frame`: one grey image as a numrt `uint8` array of shape (height, width), C-contiguous and
//! owned by the demo, with byte access for the decoders and encoders. Writes go through numrt's
//! write barrier (`Array::view_for_write`), so no pending expression ever sees a frame change.

use dtypes::DType;
use numrt::{Array, NumrtError, View};

pub struct Frame {
    pub width: usize,
    pub height: usize,
    array: Array,
}

impl Frame {
    /// A black frame.
    pub fn new(width: usize, height: usize) -> Result<Frame, NumrtError> {
        let view = View::zeros(&[height, width], DType::UInt8)?;
        Ok(Frame {
            width,
            height,
            array: Array::from_view(view),
        })
    }

    /// A frame holding a copy of `luma` (`width * height` bytes, row by row).
    pub fn from_bytes(width: usize, height: usize, luma: &[u8]) -> Result<Frame, NumrtError> {
        let mut frame = Frame::new(width, height)?;
        frame.write(|buf| buf.copy_from_slice(luma))?;
        Ok(frame)
    }

    /// The frame as an array operand.
    pub fn array(&self) -> &Array {
        &self.array
    }

    /// Overwrite the pixels through `fill` (given all `width * height` bytes).
    pub fn write<R>(&mut self, fill: impl FnOnce(&mut [u8]) -> R) -> Result<R, NumrtError> {
        let view = self.array.view_for_write()?;
        check_dense(&view)?;
        // SAFETY: the view is a C-contiguous uint8 array of `size()` bytes (checked), owned by
        // this frame; `&mut self` keeps other users of the frame out while the slice lives, and
        // the write barrier has forced every pending expression that reads it.
        let bytes = unsafe { std::slice::from_raw_parts_mut(view.data_ptr(), view.size()) };
        Ok(fill(bytes))
    }

    /// Read the pixels (`width * height` bytes, row by row).
    pub fn read<R>(&self, use_bytes: impl FnOnce(&[u8]) -> R) -> Result<R, NumrtError> {
        let view = self.array.force()?;
        check_dense(&view)?;
        // SAFETY: as in `write`; the frame is not written while `&self` is borrowed (its array
        // is only written through `&mut self` or by the demo step that returned this frame).
        let bytes =
            unsafe { std::slice::from_raw_parts(view.data_ptr() as *const u8, view.size()) };
        Ok(use_bytes(bytes))
    }

    /// A copy of the pixels.
    pub fn to_vec(&self) -> Result<Vec<u8>, NumrtError> {
        self.read(|b| b.to_vec())
    }
}

fn check_dense(view: &View) -> Result<(), NumrtError> {
    if view.dtype == DType::UInt8 && view.ndim() == 2 && view.flags.c_contiguous {
        Ok(())
    } else {
        Err(NumrtError::Internal(format!(
            "a frame must be a C-contiguous uint8 image, got {view:?}"
        )))
    }
}
