/** How to let this site use the location again, per browser: short, folded away until asked for. */
export function LocationHelp() {
  return (
    <details className="group rounded-lg border border-stone-200 bg-white text-sm text-stone-800">
      <summary className="flex min-h-11 cursor-pointer items-center gap-2 rounded-lg px-3 font-medium text-brand-800 hover:bg-stone-50">
        <span aria-hidden="true" className="transition-transform group-open:rotate-90">
          ›
        </span>
        How to turn location back on
      </summary>
      <ul className="flex flex-col gap-3 px-3 pt-1 pb-3">
        <li>
          <strong className="font-semibold">Chrome or Edge:</strong> select the icon at the left of the address bar, then <em>Permissions</em> or{" "}
          <em>Site settings</em>, and set <em>Location</em> to <em>Allow</em>. On a phone, check that location is on in its quick settings too.
        </li>
        <li>
          <strong className="font-semibold">Safari on iPhone:</strong> in <em>Settings → Privacy &amp; Security → Location Services</em>, turn it on and set{" "}
          <em>Safari Websites</em> to <em>While Using the App</em>. Then in Safari tap <em>aA</em> (or the page menu) in the address bar →{" "}
          <em>Website Settings → Location → Allow</em>.
        </li>
        <li>
          <strong className="font-semibold">Firefox:</strong> select the permissions icon at the left of the address bar and remove <em>Blocked</em> next to{" "}
          <em>Location</em> (the ✕).
        </li>
        <li>Then reload this page and press “Share my area” again.</li>
      </ul>
    </details>
  );
}
