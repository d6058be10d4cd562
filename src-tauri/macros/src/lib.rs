//! `#[command]` marks a Tauri command of the window–core contract.
//!
//! It expands to `#[tauri::command]` on the function as written, plus (in test builds) a sibling module of
//! the same name (modules and functions live in different namespaces) whose `contract` function describes
//! the command to the TypeScript generator: its name, its arguments under the names the window sends
//! (camelCase, as Tauri expects them), and the `T` of its `Result<T>` (or its plain return type when
//! it cannot fail). The function signature is the only place the contract is written;
//! `src-tauri/src/contract.rs` turns it into `ui/src/bindings/commands.ts`.
//!
//! Arguments Tauri injects (`State`, `AppHandle`, `Window`, `WebviewWindow`) are not part of the
//! contract. An `Option<T>` argument may be left out by the window.

use proc_macro::TokenStream;
use quote::{format_ident, quote};
use syn::{parse_macro_input, FnArg, GenericArgument, ItemFn, Pat, PathArguments, ReturnType, Type};

const INJECTED: &[&str] = &["State", "AppHandle", "Window", "WebviewWindow"];

#[proc_macro_attribute]
pub fn command(_attr: TokenStream, item: TokenStream) -> TokenStream {
    let func = parse_macro_input!(item as ItemFn);
    match expand(&func) {
        Ok(tokens) => tokens.into(),
        Err(e) => e.to_compile_error().into(),
    }
}

fn expand(func: &ItemFn) -> syn::Result<proc_macro2::TokenStream> {
    let name = &func.sig.ident;
    let mut args = Vec::new();
    for input in &func.sig.inputs {
        let FnArg::Typed(arg) = input else {
            return Err(syn::Error::new_spanned(input, "a command takes no self"));
        };
        if INJECTED.contains(&last_segment(&arg.ty).as_deref().unwrap_or("")) {
            continue;
        }
        let Pat::Ident(ident) = &*arg.pat else {
            return Err(syn::Error::new_spanned(&arg.pat, "a command argument needs a plain name"));
        };
        let key = camel_case(&ident.ident.to_string());
        let ty = &arg.ty;
        let optional = last_segment(ty).as_deref() == Some("Option");
        args.push(quote! { crate::contract::Arg::of::<#ty>(#key, #optional, cfg) });
    }
    let output = result_type(&func.sig.output)?;
    let contract = format_ident!("{}", name);
    Ok(quote! {
        #[tauri::command]
        #func

        #[cfg(test)]
        #[doc(hidden)]
        pub mod #contract {
            #[allow(unused_imports)]
            use super::*;
            pub fn contract(cfg: &::ts_rs::Config) -> crate::contract::Command {
                crate::contract::Command {
                    name: stringify!(#name),
                    args: vec![#(#args),*],
                    result: crate::contract::Ty::of::<#output>(cfg),
                }
            }
        }
    })
}

/// What the window gets: the `T` of `-> Result<T>` (a failure is always the core's error), or the
/// plain return type of a command that cannot fail.
fn result_type(output: &ReturnType) -> syn::Result<&Type> {
    let ReturnType::Type(_, ty) = output else {
        return Err(syn::Error::new_spanned(output, "a command returns a value (Result<T> when it can fail)"));
    };
    let Type::Path(path) = &**ty else { return Ok(ty) };
    let Some(segment) = path.path.segments.last().filter(|s| s.ident == "Result") else { return Ok(ty) };
    match &segment.arguments {
        PathArguments::AngleBracketed(generics) if generics.args.len() == 1 => match generics.args.first() {
            Some(GenericArgument::Type(t)) => Ok(t),
            _ => Err(syn::Error::new_spanned(segment, "Result<T> with one type")),
        },
        _ => Err(syn::Error::new_spanned(segment, "a command returns the core's Result<T>")),
    }
}

fn last_segment(ty: &Type) -> Option<String> {
    match ty {
        Type::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
        Type::Reference(r) => last_segment(&r.elem),
        _ => None,
    }
}

/// Tauri's default: `canteen_id` is sent as `canteenId`.
fn camel_case(snake: &str) -> String {
    let mut out = String::with_capacity(snake.len());
    let mut upper = false;
    for c in snake.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}
