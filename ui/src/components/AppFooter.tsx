// The window's foot: the version's support corner. "Open logs folder" opens the folder of the
// daily log files (what a support desk asks for) and says where it is, for when no file manager
// opens.
import { backend } from "../backend";
import { useCommand } from "../hooks/useCommand";

export function AppFooter() {
  const logs = useCommand(backend.openLogsFolder);
  return (
    <footer className="app-footer">
      <button type="button" id="open-logs" className="link" onClick={() => void logs.run()}>
        Open logs folder
      </button>
      <span role="status" id="logs-status">
        {logs.error ? logs.error.message : logs.data ? `Logs are in ${logs.data}` : ""}
      </span>
    </footer>
  );
}
