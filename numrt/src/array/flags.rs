//! NumPy's settable array flag: `a.flags.writeable = False` marks this array's view read-only
//! (views taken from it afterwards inherit that; other arrays over the buffer are unaffected).

use crate::array::{Array, Repr};
use crate::error::NumrtError;

impl Array {
    /// Set NumPy's `writeable` flag. Turning it on again needs a writeable buffer (NumPy's
    /// ValueError for views of read-only memory).
    pub fn set_writeable(&self, writeable: bool) -> Result<(), NumrtError> {
        self.claim()?;
        let mut repr = self.write();
        if let Repr::Base(v) = &mut *repr {
            if writeable && !v.buffer.writeable() {
                return Err(NumrtError::Value("cannot set WRITEABLE flag to True of this array".into()));
            }
            v.readonly = !writeable;
        }
        Ok(())
    }
}
