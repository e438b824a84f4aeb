//! Lets `cargo test` run the crate's tests: outside maturin (which sets
//! PYO3_BUILD_EXTENSION_MODULE) pyo3 links libpython, and the rpath makes the test binaries find
//! the interpreter's shared library without LD_LIBRARY_PATH.
fn main() {
    pyo3_build_config::add_libpython_rpath_link_args();
}
