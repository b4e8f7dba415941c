// What the open page gets wrong that a screen reader, a keyboard or a phone would notice.
// Evaluated by Playwright in the page (tests/fkblkk/test_public_browser.py); returns a list.
() => {
  const problems = [];
  const snippet = (element) => element.outerHTML.slice(0, 120);
  const named = (element) =>
    element.getAttribute("aria-label") ||
    element.getAttribute("aria-labelledby") ||
    element.getAttribute("title");

  // alt="" is right for decorative images; a missing alt makes readers spell out the file name.
  for (const image of document.images) {
    if (!image.hasAttribute("alt")) problems.push(`img without alt: ${image.src}`);
  }
  const controls = document.querySelectorAll(
    "input:not([type=hidden]):not([type=submit]):not([type=button]):not([type=reset])," +
      " select, textarea",
  );
  for (const control of controls) {
    if (!control.labels.length && !named(control)) {
      problems.push(`form control without a label: ${snippet(control)}`);
    }
  }
  for (const element of document.querySelectorAll("a[href], button")) {
    const imageText = [...element.querySelectorAll("img[alt]")].map((image) => image.alt);
    if (!element.textContent.trim() && !imageText.join("") && !named(element)) {
      problems.push(`link or button without a name: ${snippet(element)}`);
    }
  }
  const headings = document.querySelectorAll("h1").length;
  if (headings !== 1) problems.push(`${headings} h1 elements instead of one`);
  const mains = document.querySelectorAll("main, [role=main]").length;
  if (mains !== 1) problems.push(`${mains} main landmarks instead of one`);
  if (!document.documentElement.lang) problems.push("no lang on html");
  if (!document.title.trim()) problems.push("no title");
  // A page wider than the phone scrolls sideways.
  if (document.documentElement.scrollWidth > window.innerWidth) {
    problems.push(`wider than the screen: ${document.documentElement.scrollWidth} px`);
  }
  return problems;
}
