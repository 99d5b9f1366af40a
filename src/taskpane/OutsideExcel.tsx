/** What the pane shows outside Excel: what the add-in is, and how to load it. Plain HTML: no Office needed. */
import type { OfficeStatus } from "./boot";

export function OutsideExcel({ status }: { status: OfficeStatus }): JSX.Element {
  const reason =
    status.kind === "other-host"
      ? `It was opened in ${status.host}, which it does not support.`
      : status.kind === "no-office"
        ? "Office's script did not load here (no connection to Microsoft's Office script, or the page was opened straight from a file)."
        : "This page was opened in a web browser, not in Excel.";
  return (
    <main style={{ padding: 16, maxWidth: 640, lineHeight: 1.45, fontSize: 14, overflowWrap: "anywhere", boxSizing: "border-box" }} data-testid="outside-excel">
      <h1 style={{ fontSize: 20, marginTop: 0 }}>Budget Tools runs inside Excel</h1>
      <p>{reason} Budget Tools is an Excel add-in: its task pane and its BUDGET functions work in Excel on the web and Excel for Windows or Mac.</p>
      <h2 style={{ fontSize: 16 }}>Load it in Excel on the web</h2>
      <ol>
        <li>Open a workbook in Excel on the web.</li>
        <li>
          Choose <strong>Home › Add-ins › More add-ins</strong> (or <strong>Insert › Add-ins</strong>), then <strong>My add-ins › Upload my add-in</strong>.
        </li>
        <li>
          Pick the add-in&apos;s <code>manifest.xml</code> (your IT team or the person who set it up has it) and choose <strong>Upload</strong>.
        </li>
      </ol>
      <h2 style={{ fontSize: 16 }}>Load it in Excel for Windows or Mac</h2>
      <ol>
        <li>
          If your organisation deployed it, it is under <strong>Home › Add-ins</strong> (or <strong>Insert › My Add-ins › Admin Managed</strong>).
        </li>
        <li>
          Otherwise put <code>manifest.xml</code> in a shared network folder, add that folder under <strong>File › Options › Trust Center › Trust Center Settings › Trusted Add-in Catalogs</strong>, restart Excel and choose <strong>Insert › My Add-ins › Shared Folder</strong>. On a Mac, copy <code>manifest.xml</code> to <code>~/Library/Containers/com.microsoft.Excel/Data/Documents/wef</code> and restart Excel.
        </li>
        <li>
          Developers: <code>npm start</code> serves the add-in and sideloads it into Excel where Excel is installed.
        </li>
      </ol>
      <p>Once loaded, Excel shows a <strong>Budget Tools</strong> tab on the ribbon: <strong>Open Budget Tools</strong> opens this pane.</p>
    </main>
  );
}
