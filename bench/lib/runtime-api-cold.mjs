// Cold path of a Lambda bootstrap: process start to first response, against a loopback Runtime API.
//
//   node bench/lib/runtime-api-cold.mjs EVENT_FILE HANDLER COMMAND [ARGS...]
//
// Serves EVENT_FILE once on GET /2018-06-01/runtime/invocation/next (with Lambda's headers,
// https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html), starts COMMAND with AWS_LAMBDA_RUNTIME_API and
// _HANDLER set, and prints one JSON line: {"program":"bootstrap","ok":…,"firstResponseMs":…} — the milliseconds
// from spawning COMMAND to receiving its invocation response (an invocation or init error is ok:false). The
// bootstrap then waits on /next again, as in Lambda; it is killed. The driver's own start is not timed.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";

const [eventFile, handler, command, ...args] = process.argv.slice(2);
if (!command) {
  console.error("usage: node runtime-api-cold.mjs EVENT_FILE HANDLER COMMAND [ARGS...]");
  process.exit(2);
}
const event = readFileSync(eventFile);
let served = false;
let started = 0n;
let child;

const finish = (ok, detail) => {
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  console.log(JSON.stringify({ program: "bootstrap", ok, firstResponseMs: Number(ms.toFixed(1)), ...detail }));
  child?.kill("SIGKILL");
  server.close();
  process.exitCode = ok ? 0 : 1;
};

const server = createServer((request, response) => {
  const chunks = [];
  request.on("data", (c) => chunks.push(c));
  request.on("end", () => {
    const path = request.url ?? "";
    if (request.method === "GET" && path === "/2018-06-01/runtime/invocation/next") {
      if (served) return; // the next event never comes: the bootstrap waits, then is killed
      served = true;
      response.writeHead(200, {
        "Lambda-Runtime-Aws-Request-Id": "bench-request",
        "Lambda-Runtime-Deadline-Ms": String(Date.now() + 10_000),
        "Lambda-Runtime-Invoked-Function-Arn": "arn:aws:lambda:eu-west-1:123456789012:function:bench",
        "Lambda-Runtime-Trace-Id": "Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=1",
        "Content-Type": "application/json",
      });
      response.end(event);
      return;
    }
    response.writeHead(202).end();
    const body = Buffer.concat(chunks).toString("utf8");
    if (path.endsWith("/response")) finish(true, { bytes: body.length });
    else finish(false, { path, error: body.slice(0, 300) });
  });
});

server.listen(0, "127.0.0.1", () => {
  const { port } = server.address();
  started = process.hrtime.bigint();
  child = spawn(command, args, {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, AWS_LAMBDA_RUNTIME_API: `127.0.0.1:${port}`, _HANDLER: handler },
  });
  child.on("exit", (code) => {
    if (server.listening) finish(false, { exitCode: code });
  });
});
