((script, wasm) => {
  const idle = (run) => ("requestIdleCallback" in window ? requestIdleCallback(run) : setTimeout(run, 1));
  const load = async () => {
    const code = fetch(wasm);
    const bundle = await import(script);
    await bundle.default({ module_or_path: code });
    bundle.hydrate();
    for (const island of document.querySelectorAll("leptos-island")) {
      const hydrate = bundle[island.dataset.component];
      if (hydrate) {
        await hydrate(island);
      } else {
        console.warn(`no code for the island ${island.dataset.component}`);
      }
    }
  };
  requestAnimationFrame(() => requestAnimationFrame(() => idle(load)));
})
