//! With the `split` feature, the editor's wasm keeps its relocations: the
//! post-build step `scripts/split-wasm` needs them to cut the module into
//! the chunks that `src/ui/lazy.rs` declares.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let split = std::env::var_os("CARGO_FEATURE_SPLIT").is_some();
    let wasm = std::env::var("CARGO_CFG_TARGET_ARCH").is_ok_and(|a| a == "wasm32");
    if split && wasm {
        println!("cargo:rustc-link-arg-bin=journeymap=--emit-relocs");
    }
}
