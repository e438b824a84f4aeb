//! From an LLVM module to machine code: stamp the target on the module and its functions,
//! verify, optimise (`default<O3>`), and emit a relocatable object file.
//!
//! No fast-math flags are ever set and `llvm.fmuladd` is never emitted, so LLVM does not
//! contract `a*b + c` into an FMA: chains of + - * / give NumPy's one-op-at-a-time bits.

use inkwell::attributes::AttributeLoc;
use inkwell::module::Module;
use inkwell::passes::PassBuilderOptions;
use inkwell::targets::{FileType, TargetMachine};

use crate::error::CodegenError;
use crate::target::TargetDesc;

/// Set the module's triple and data layout, and the CPU/features on every defined function.
pub fn stamp_target(module: &Module, desc: &TargetDesc, machine: &TargetMachine) {
    module.set_triple(&machine.get_triple());
    module.set_data_layout(&machine.get_target_data().get_data_layout());
    let cx = module.get_context();
    for f in module.get_functions() {
        if f.count_basic_blocks() == 0 {
            continue;
        }
        f.add_attribute(AttributeLoc::Function, cx.create_string_attribute("target-cpu", &desc.cpu));
        f.add_attribute(AttributeLoc::Function, cx.create_string_attribute("target-features", &desc.features));
    }
}

/// Verify and optimise `module` in place for `desc`.
pub fn optimise(module: &Module, desc: &TargetDesc, machine: &TargetMachine) -> Result<(), CodegenError> {
    stamp_target(module, desc, machine);
    module.verify().map_err(|e| CodegenError::Llvm(format!("verifier: {}", e.to_string())))?;
    let options = PassBuilderOptions::create();
    options.set_loop_vectorization(true);
    options.set_loop_slp_vectorization(true);
    options.set_loop_unrolling(true);
    module
        .run_passes("default<O3>", machine, options)
        .map_err(|e| CodegenError::Llvm(format!("optimiser: {}", e.to_string())))
}

/// Optimise `module` and emit it as a relocatable object file for `desc`.
pub fn object_file(module: &Module, desc: &TargetDesc) -> Result<Vec<u8>, CodegenError> {
    let machine = desc.machine()?;
    optimise(module, desc, &machine)?;
    let buffer = machine
        .write_to_memory_buffer(module, FileType::Object)
        .map_err(|e| CodegenError::Llvm(format!("emit object: {}", e.to_string())))?;
    Ok(buffer.as_slice().to_vec())
}

/// Optimise `module` and emit it as assembly text (for golden tests and the JIT log).
pub fn assembly(module: &Module, desc: &TargetDesc) -> Result<String, CodegenError> {
    let machine = desc.machine()?;
    optimise(module, desc, &machine)?;
    let buffer = machine
        .write_to_memory_buffer(module, FileType::Assembly)
        .map_err(|e| CodegenError::Llvm(format!("emit assembly: {}", e.to_string())))?;
    Ok(String::from_utf8_lossy(buffer.as_slice()).into_owned())
}
