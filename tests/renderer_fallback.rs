//! The renderer fallback (issue 27): when the first renderer cannot start, the next one opens the
//! window, and the failure is reported with the renderer that failed.

use claimline::app::renderer::{FALLBACK_ORDER, Failure, Renderer, attempts, open_with_fallback};

#[test]
fn the_second_renderer_takes_over_when_the_first_cannot_start() {
    let mut tried = Vec::new();
    let opened = open_with_fallback(&FALLBACK_ORDER, |renderer| {
        tried.push(renderer);
        match renderer {
            // What Wine's DX12 answers (`WgpuError::RequestDeviceError`).
            Renderer::WgpuDefault => Err(Failure::CouldNotStart("Parent device is lost")),
            Renderer::WgpuGl | Renderer::Glow => Ok(()),
        }
    });
    assert_eq!(opened, Ok(Renderer::WgpuGl));
    // The third is never started once the second has opened the window.
    assert_eq!(tried, [Renderer::WgpuDefault, Renderer::WgpuGl]);
}

#[test]
fn the_failures_are_reported_with_their_renderers_when_none_starts() {
    let opened = open_with_fallback(&FALLBACK_ORDER, |renderer| {
        Err(Failure::CouldNotStart(format!(
            "{} failed",
            renderer.name()
        )))
    });
    assert_eq!(
        opened,
        Err(vec![
            (Renderer::WgpuDefault, "wgpu failed".to_owned()),
            (Renderer::WgpuGl, "wgpu-gl failed".to_owned()),
            (Renderer::Glow, "glow failed".to_owned()),
        ])
    );
}

#[test]
fn glow_is_the_last_resort() {
    let opened = open_with_fallback(&FALLBACK_ORDER, |renderer| match renderer {
        Renderer::Glow => Ok(()),
        Renderer::WgpuDefault | Renderer::WgpuGl => Err(Failure::CouldNotStart(())),
    });
    assert_eq!(opened, Ok(Renderer::Glow));
}

#[test]
fn the_first_renderer_is_the_only_one_tried_when_it_starts() {
    let mut tried = Vec::new();
    let opened = open_with_fallback::<()>(&FALLBACK_ORDER, |renderer| {
        tried.push(renderer);
        Ok(())
    });
    assert_eq!(opened, Ok(Renderer::WgpuDefault));
    assert_eq!(tried, [Renderer::WgpuDefault]);
}

#[test]
fn a_window_that_failed_after_it_opened_is_not_opened_again() {
    let mut tried = Vec::new();
    let opened = open_with_fallback(&FALLBACK_ORDER, |renderer| {
        tried.push(renderer);
        Err(Failure::AfterStart("surface lost"))
    });
    assert_eq!(opened, Err(vec![(Renderer::WgpuDefault, "surface lost")]));
    assert_eq!(tried, [Renderer::WgpuDefault]);
}

#[test]
fn claimline_renderer_starts_the_list_at_the_named_renderer() {
    assert_eq!(attempts(None), FALLBACK_ORDER);
    assert_eq!(attempts(Some("")), FALLBACK_ORDER);
    assert_eq!(
        attempts(Some("wgpu-gl")),
        [Renderer::WgpuGl, Renderer::Glow]
    );
    assert_eq!(attempts(Some("GLOW")), [Renderer::Glow]);
    // A typo never keeps the window closed.
    assert_eq!(attempts(Some("vulcan")), FALLBACK_ORDER);
}
