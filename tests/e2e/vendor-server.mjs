// A stand-in for the vendor's API that outlives the app (the built-in sandbox lives inside the
// app's process and goes with it): list, create and update over loopback, each request recorded.
// Answers as the vendor's page shows: numbers as text, odd timestamps, a policy as an assignment.
import { createServer } from "node:http";

export async function startVendorServer(token) {
  const templates = [];
  const requests = [];
  let next = 1;
  const send = (res, status, body) => {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  };
  const answered = (t) => ({
    ...t,
    segmentId: t.segmentId === undefined ? undefined : String(t.segmentId),
  });
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      requests.push({ method: req.method, url: req.url, body });
      if (req.headers.authorization !== `Bearer ${token}`)
        return send(res, 401, { status: false, error: { code: 4001, message: "Unauthorized" } });
      const url = new URL(req.url, "http://localhost");
      const parts = url.pathname.replace(/\/$/, "").split("/");
      const [org, id] = [parts[3], parts[8]];
      const mine = templates.filter((t) => t.org === org);
      if (req.method === "GET" && !id) {
        const name = url.searchParams.get("name")?.toLowerCase();
        const items = mine
          .filter((t) => !name || t.body.name.toLowerCase().includes(name))
          .map((t) => answered(t.body));
        return send(res, 200, {
          status: true,
          data: {
            items,
            totalDocs: items.length,
            limit: 10,
            page: 1,
            totalPages: 1,
            hasPrevPage: false,
            hasNextPage: false,
          },
        });
      }
      const parsed = JSON.parse(body || "{}");
      delete parsed.entraId?.mobilityApp?.clientSecret;
      if (req.method === "POST") {
        const templateId = (0x6b0bad6f0000n + BigInt(next++)).toString(16).padStart(24, "0");
        const stored = {
          id: templateId,
          ...parsed,
          winEnrollmentToken: {
            id: templateId,
            token: `enroll_vendor${next}`,
            serverUrl: "https://mdm.vendor.example/enroll",
          },
          createdAt: "2026-01-15T09: 30:00Z",
        };
        templates.push({ org, body: stored });
        return send(res, 200, { status: true, data: answered(stored) });
      }
      if (req.method === "PUT") {
        const held = mine.find((t) => t.body.id === id);
        if (!held) return send(res, 404, { status: false, error: { code: 3001, message: "Entity not found" } });
        held.body = { id, ...parsed, winEnrollmentToken: held.body.winEnrollmentToken, createdAt: held.body.createdAt };
        return send(res, 200, { status: true, data: answered(held.body) });
      }
      send(res, 404, { status: false, error: { code: 3001, message: "Entity not found" } });
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    requests,
    templates,
    seed(org, body) {
      const templateId = (0x6b0bad6f0000n + BigInt(next++)).toString(16).padStart(24, "0");
      templates.push({ org, body: { id: templateId, ...body, createdAt: "2026-01-15T09: 30:00Z" } });
      return templateId;
    },
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
