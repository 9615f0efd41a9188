// The work report's print button (web/pages/report.tsx): an external file, as the CSP and the security
// tests want every script (no inline script but the respondent's built one). The button is hidden in
// the HTML and shown only here, so without JavaScript the page offers the browser's Print in words instead.
const button = document.getElementById('print');
if (button) {
  button.hidden = false;
  button.addEventListener('click', () => window.print());
}
