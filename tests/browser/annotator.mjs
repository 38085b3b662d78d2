// Apache Annotator's DOM matchers for the browser tests, bundled by
// `make browser-deps` (esbuild) into one script the tests inject into a page.
import {
  createCssSelectorMatcher,
  createTextPositionSelectorMatcher,
  createTextQuoteSelectorMatcher,
} from "@apache-annotator/dom";
import { makeRefinable } from "@apache-annotator/selector";

// Every range a W3C selector (with its refinements) finds in the document.
async function anchor(selector) {
  const matcher = makeRefinable((s) => {
    switch (s.type) {
      case "CssSelector":
        return createCssSelectorMatcher(s);
      case "TextQuoteSelector":
        return createTextQuoteSelectorMatcher(s);
      case "TextPositionSelector":
        return createTextPositionSelectorMatcher(s);
      default:
        throw new Error(`unsupported selector ${s.type}`);
    }
  })(selector);
  const found = [];
  for await (const match of matcher(document.body)) {
    const range = match instanceof Range ? match : document.createRange();
    if (!(match instanceof Range)) range.selectNodeContents(match);
    found.push(range);
  }
  return found;
}

window.apacheAnnotator = { anchor };
