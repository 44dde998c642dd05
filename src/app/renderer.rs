//! Which renderer draws the window, and the fallback when one cannot start (issue 27).
//!
//! wgpu picks a backend itself (DX12 or Vulkan on Windows, Vulkan or OpenGL on Linux, Metal on
//! macOS), and when that backend cannot start, eframe returns an error and the window never opens:
//! Wine's DX12 ("Parent device is lost"), Remote Desktop and Citrix sessions, virtual machines, old
//! or blocklisted drivers, Linux without Vulkan. So [`super::run`] tries each renderer of
//! [`FALLBACK_ORDER`] in turn through [`open_with_fallback`], and Help ▸ About names the one in use
//! ([`in_use`]).
//!
//! `CLAIMLINE_RENDERER=wgpu|wgpu-gl|glow` starts the list at that renderer (for a machine where
//! the first one hangs rather than fails). `WGPU_BACKEND` still chooses wgpu's default backend.

use std::sync::OnceLock;

/// One way of opening the window.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Renderer {
    /// wgpu on the backend it picks itself, or `WGPU_BACKEND`.
    WgpuDefault,
    /// wgpu on OpenGL only (WGL on Windows, EGL or GLX on Linux).
    WgpuGl,
    /// eframe's `glow` renderer: OpenGL through glutin, without wgpu.
    Glow,
}

/// The order the renderers are tried in.
pub const FALLBACK_ORDER: [Renderer; 3] = [Renderer::WgpuDefault, Renderer::WgpuGl, Renderer::Glow];

impl Renderer {
    /// The name `CLAIMLINE_RENDERER` takes.
    pub fn name(self) -> &'static str {
        match self {
            Self::WgpuDefault => "wgpu",
            Self::WgpuGl => "wgpu-gl",
            Self::Glow => "glow",
        }
    }

    /// How the user is told about it.
    pub fn description(self) -> &'static str {
        match self {
            Self::WgpuDefault => "wgpu (default backend)",
            Self::WgpuGl => "wgpu on OpenGL",
            Self::Glow => "glow (OpenGL)",
        }
    }

    /// The renderer named `name` (as [`Self::name`] spells it, case-insensitive).
    pub fn from_name(name: &str) -> Option<Self> {
        FALLBACK_ORDER
            .into_iter()
            .find(|renderer| renderer.name().eq_ignore_ascii_case(name.trim()))
    }
}

/// The renderers to try: [`FALLBACK_ORDER`], or its tail from the one `requested` names. An
/// unknown name is ignored (with a message), so a typo never keeps the window closed.
pub fn attempts(requested: Option<&str>) -> Vec<Renderer> {
    let Some(name) = requested.filter(|name| !name.trim().is_empty()) else {
        return FALLBACK_ORDER.to_vec();
    };
    let Some(first) = Renderer::from_name(name) else {
        eprintln!(
            "claimline: CLAIMLINE_RENDERER={name} is not one of wgpu, wgpu-gl, glow; trying them \
             all"
        );
        return FALLBACK_ORDER.to_vec();
    };
    FALLBACK_ORDER
        .into_iter()
        .skip_while(|renderer| *renderer != first)
        .collect()
}

/// How one attempt ended, when it did not open the window.
#[derive(Debug)]
pub enum Failure<E> {
    /// The renderer could not start: the next one is tried.
    CouldNotStart(E),
    /// The window opened and the app ran, then failed: no other renderer is tried, since the user
    /// already saw the window (and a second one would surprise them).
    AfterStart(E),
}

/// Tries `attempts` in order with `try_one` until one opens the window, and returns that one.
/// Every failure comes back with its renderer when none did, or when one failed after it had
/// started (the last entry then).
pub fn open_with_fallback<E>(
    attempts: &[Renderer],
    mut try_one: impl FnMut(Renderer) -> Result<(), Failure<E>>,
) -> Result<Renderer, Vec<(Renderer, E)>> {
    let mut failures = Vec::new();
    for &renderer in attempts {
        match try_one(renderer) {
            Ok(()) => return Ok(renderer),
            Err(Failure::CouldNotStart(error)) => failures.push((renderer, error)),
            Err(Failure::AfterStart(error)) => {
                failures.push((renderer, error));
                return Err(failures);
            }
        }
    }
    Err(failures)
}

static IN_USE: OnceLock<String> = OnceLock::new();

/// Records the renderer that opened the window, as About shows it. The first call wins.
pub fn set_in_use(line: String) {
    let _ = IN_USE.set(line);
}

/// The renderer that drew the window, with its backend and adapter when wgpu says them, and the
/// ones that failed before it; `None` before a window has opened (the CLI, the tests).
pub fn in_use() -> Option<&'static str> {
    IN_USE.get().map(String::as_str)
}
