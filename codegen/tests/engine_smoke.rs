//! The JIT loads an object compiled for the host and runs it; the host target has vectors.

use codegen::compile::object_file;
use codegen::engine::Jit;
use codegen::TargetDesc;
use inkwell::context::Context;

#[test]
fn compiles_loads_and_calls_a_function() {
    let cx = Context::create();
    let module = cx.create_module("smoke");
    let f64t = cx.f64_type();
    let f = module.add_function("smoke_twice_plus_one", f64t.fn_type(&[f64t.into()], false), None);
    let b = cx.create_builder();
    b.position_at_end(cx.append_basic_block(f, "entry"));
    let x = f.get_nth_param(0).unwrap().into_float_value();
    let y = b.build_float_mul(x, f64t.const_float(2.0), "y").unwrap();
    let z = b.build_float_add(y, f64t.const_float(1.0), "z").unwrap();
    b.build_return(Some(&z)).unwrap();
    let obj = object_file(&module, TargetDesc::host()).unwrap();
    let jit = Jit::global().unwrap();
    jit.add_object(&obj).unwrap();
    let addr = jit.lookup("smoke_twice_plus_one").unwrap();
    let func: extern "C" fn(f64) -> f64 = unsafe { std::mem::transmute(addr) };
    assert_eq!(func(20.25), 41.5);
    assert!(jit.lookup("no_such_symbol").is_err());
}
