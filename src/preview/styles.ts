/** The preview page's own styles (the task pane styles itself with Fluent UI). */
export const STYLES = `
.pv { display: flex; flex-direction: column; height: 100vh; }
.pv-light { background: #f3f2f1; color: #201f1e; }
.pv-dark { background: #1b1a19; color: #f3f2f1; }
.pv-banner { padding: 6px 12px; background: #fff4ce; color: #323130; border-bottom: 2px solid #c19c00; font-size: 13px; display: flex; gap: 8px; align-items: center; flex-wrap: wrap; }
.pv-theme { margin-left: auto; }
.pv-main { display: flex; flex: 1; min-height: 0; }
.pv-pane { width: 380px; flex: none; overflow: auto; border-right: 1px solid #8a8886; }
.pv-book { flex: 1; min-width: 0; display: flex; flex-direction: column; overflow: hidden; }
.wb { display: flex; flex-direction: column; flex: 1; min-height: 0; }
.wb-formula { display: flex; gap: 8px; padding: 4px 8px; border-bottom: 1px solid #c8c6c4; font-family: Consolas, monospace; font-size: 13px; }
.wb-name { min-width: 80px; border-right: 1px solid #c8c6c4; }
.wb-fx { flex: 1; min-width: 0; font: inherit; color: inherit; background: transparent; border: 1px solid transparent; padding: 0 4px; }
.wb-fx:focus { border-color: #0f6cbd; outline: none; }
.wb-grid-wrap { flex: 1; overflow: auto; background: #ffffff; }
.wb-grid { border-collapse: collapse; table-layout: fixed; font-family: Calibri, "Segoe UI", sans-serif; font-size: 13px; color: #000; }
.wb-grid th { background: #f3f2f1; color: #605e5c; font-weight: normal; border: 1px solid #d2d0ce; padding: 1px 4px; position: sticky; top: 0; }
.wb-grid tbody th { position: sticky; left: 0; }
.wb-grid td { border: 1px solid #e1dfdd; padding: 1px 4px; overflow: hidden; text-overflow: ellipsis; height: 18px; cursor: cell; }
.wb-grid td[data-selected="true"] { outline: 2px solid #107c41; outline-offset: -2px; }
.wb-grid:focus { outline: none; }
.wb-grid:focus td[data-selected="true"] { outline-color: #0b5a2f; }
.wb-edit { width: 100%; box-sizing: border-box; font: inherit; border: none; padding: 0; outline: none; background: #fff; color: #000; }
.wb-error { margin: 0; padding: 2px 8px; background: #fde7e9; color: #a4262c; border-bottom: 1px solid #c8c6c4; font-size: 13px; }
.wb-note { padding: 4px 8px; color: #605e5c; }
.wb-tabs { display: flex; gap: 2px; padding: 4px; border-top: 1px solid #c8c6c4; flex-wrap: wrap; }
.wb-tab { border: 1px solid #c8c6c4; background: transparent; color: inherit; padding: 3px 10px; cursor: pointer; font: inherit; font-size: 13px; }
.wb-tab-active { background: #ffffff; color: #107c41; font-weight: 600; border-bottom: 2px solid #107c41; }
.pv-dark .wb-tab-active { background: #323130; color: #6ccb5f; }
.wb-tab:focus-visible, .pv-theme:focus-visible { outline: 2px solid #0f6cbd; outline-offset: 1px; }
.pv-created { padding: 6px 12px; border-top: 1px solid #c8c6c4; font-size: 13px; }
.pv-dark .pv-created a { color: #8fc3ff; }
`;
