// The live-board benchmark's harness (see bench/README.md; bench/liveboard.sh runs it against a fresh app).
//
// N SignalR clients (WebSockets only, no negotiation, as browsers connect) join one board; P of them post at a steady
// rate for a while. Every client records, for every message, receive time minus the send time stamped in the post
// (one process, one clock), and the sequence number. Then: latency percentiles over all deliveries; per client,
// what was missing, doubled or out of order; the server's CPU and peak memory. The same clients on the app's bare
// broadcast hub (/hubs/bench-broadcast, the harness numbering the messages) are the same-run baseline.
import { readFileSync, writeFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import * as signalR from "@microsoft/signalr";

const USAGE = `node liveboard.mjs --base-url URL [--clients N] [--posters P] [--rate R] [--duration-seconds D]
    [--server-pid PID] [--timeout-seconds S] [--baseline-only | --board-code CODE --warmup-board-code CODE]`;

const args = parseArgs(process.argv.slice(2));
const baseUrl = args["base-url"] ?? fail(2, "--base-url is required\n" + USAGE);
const host = new URL(baseUrl).hostname;
if (!["127.0.0.1", "localhost", "::1", "[::1]"].includes(host) && !host.startsWith("127.")) {
    fail(2, `refusing ${baseUrl}: this benchmark only talks to an app on this machine`);
}
const clientCount = wholeNumber("clients", 500);
const posterCount = Math.min(wholeNumber("posters", 5), clientCount);
const ratePerPoster = positiveNumber("rate", 2);
const durationSeconds = positiveNumber("duration-seconds", 30);
const timeoutSeconds = wholeNumber("timeout-seconds", 300);
const serverPid = args["server-pid"] ? Number(args["server-pid"]) : null;
const baselineOnly = "baseline-only" in args;
const connectConcurrency = 25;
const warmupClients = Math.min(clientCount, 50);
const warmupSeconds = 5;
const drainSeconds = 10;

const now = () => performance.timeOrigin + performance.now(); // ms since the epoch, sub-millisecond, one clock for all

setTimeout(() => fail(124, `stopped by --timeout-seconds ${timeoutSeconds}`), timeoutSeconds * 1000).unref();

// ---- the two hubs under test ---------------------------------------------------------------------------------

/** The bare broadcast hub: Join(group), Send(group, payload) to everyone in the group; the harness numbers the messages. */
function baselineTarget(group, payloadBytes) {
    let sequence = 0;
    return {
        name: "baseline",
        path: "/hubs/bench-broadcast",
        headersFor: () => ({}),
        join: async (connection) => { await connection.invoke("Join", group); return 0; },
        post: async (connection, poster, k) => {
            const payload = { sequence: ++sequence, sentAt: now(), body: "" };
            payload.body = benchText(payload.sentAt, poster, k, payloadBytes - JSON.stringify(payload).length);
            await connection.invoke("Send", group, payload);
            return payload.sequence;
        },
        read: (payload) => ({ sequence: payload.sequence, sentAt: payload.sentAt }),
    };
}

/**
 * The live board: each client first joins the board as a participant through the real form (/board/join with the
 * board's session code, a name and an organisation), which gives it a pass, the cookie hm_board_{eventId}; its
 * connection carries that cookie. Then Join(eventId, 0), Post(eventId, "question", text, false), and "changed".
 */
function boardTarget(code) {
    let eventId = null;
    let passes = [];
    return {
        name: "board",
        path: "/hubs/board",
        prepare: async (count) => {
            passes = new Array(count);
            let failures = 0, firstError = null;
            await inBatches([...passes.keys()], 10, async (i) => {
                try {
                    const pass = await joinWithCode(code, i);
                    passes[i] = pass.cookie;
                    eventId ??= pass.eventId;
                } catch (error) {
                    failures++;
                    firstError ??= String(error?.message ?? error);
                }
            });
            if (failures > 0) fail(2, `${failures} of ${count} participants could not join the board with code ${code} (${firstError})`);
        },
        headersFor: (i) => ({ Cookie: passes[i] }),
        join: async (connection) => {
            const joined = await connection.invoke("Join", eventId, 0);
            return Number(joined?.upTo ?? 0);
        },
        post: async (connection, poster, k) => {
            const result = await connection.invoke("Post", eventId, "question", benchText(now(), poster, k, 120), false);
            return typeof result?.sequence === "number" ? result.sequence : null;
        },
        read: (payload) => {
            const stamp = /^bench (\d+\.\d+) /.exec(payload?.post?.body ?? "");
            // The post's created_at is stamped by the server inside the post's transaction (same machine, same clock):
            // it splits the latency into before (hub, checks, taking the board's number) and after (commit, fan-out).
            return { sequence: payload?.sequence, sentAt: stamp ? Number(stamp[1]) : NaN, stampedAt: Date.parse(payload?.post?.createdAt ?? "") };
        },
    };
}

/** GET /board/join for the antiforgery token and cookie, then POST the form; the answer sets the board's pass. */
async function joinWithCode(code, i) {
    const url = `${baseUrl}/board/join?code=${encodeURIComponent(code)}`;
    const page = await fetch(url, { redirect: "manual" });
    const html = await page.text();
    const token = /<input[^>]*name="__RequestVerificationToken"[^>]*value="([^"]+)"/.exec(html);
    if (page.status !== 200 || !token) throw new Error(`GET /board/join answered ${page.status}${token ? "" : " with no antiforgery token"}`);
    const form = new URLSearchParams({
        Code: code, Name: `Bench participant ${i + 1}`, Organisation: "Benchmark Trust", __RequestVerificationToken: decodeHtml(token[1]),
    });
    const answer = await fetch(url, {
        method: "POST", redirect: "manual", body: form,
        headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookiesOf(page).join("; ") },
    });
    const pass = cookiesOf(answer).find((c) => c.startsWith("hm_board_"));
    if (answer.status !== 303 || !pass) throw new Error(`POST /board/join answered ${answer.status}${pass ? "" : " with no pass"}`);
    return { cookie: pass, eventId: Number(/^hm_board_(\d+)=/.exec(pass)[1]) };
}

/** The name=value of every cookie a response sets. */
function cookiesOf(response) { return response.headers.getSetCookie().map((c) => c.split(";")[0]); }

function decodeHtml(text) {
    return text.replace(/&#x([0-9a-f]+);/gi, (_, h) => String.fromCharCode(parseInt(h, 16)))
        .replace(/&#(\d+);/g, (_, d) => String.fromCharCode(Number(d)))
        .replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

/** "bench <send time> poster <p> post <k>" padded to about <length> characters: the post's text, read back by every client. */
function benchText(sentAt, poster, k, length) {
    const text = `bench ${sentAt.toFixed(3)} poster ${poster} post ${k} `;
    return text + "x".repeat(Math.max(0, length - text.length));
}

// ---- one run: connect, join, post, drain, count ----------------------------------------------------------------

class Client {
    constructor(index, target) {
        this.index = index;
        this.target = target;
        this.seen = new Set();
        this.highest = 0;
        this.duplicates = 0;
        this.outOfOrder = 0;
        this.closed = false;
        this.latencies = [];
        this.afterStamp = [];
        this.messageBytes = 0;
        this.messages = 0;
        this.unreadable = 0;
        this.connection = new signalR.HubConnectionBuilder()
            .withUrl(baseUrl + target.path, {
                skipNegotiation: true,
                transport: signalR.HttpTransportType.WebSockets,
                headers: target.headersFor(index),
            })
            .configureLogging(signalR.LogLevel.None)
            .build();
        this.connection.on("changed", (payload) => this.receive(payload));
        this.connection.onclose(() => { this.closed = true; });
    }

    receive(payload) {
        const receivedAt = now();
        const { sequence, sentAt, stampedAt } = this.target.read(payload);
        this.messages++;
        if (this.measuring) this.messageBytes += JSON.stringify(payload).length;
        if (!Number.isInteger(sequence)) { this.unreadable++; return; }
        // The board client's rule: a sequence number already seen is ignored.
        if (this.seen.has(sequence)) { this.duplicates++; return; }
        if (sequence < this.highest) this.outOfOrder++;
        this.highest = Math.max(this.highest, sequence);
        this.seen.add(sequence);
        if (this.measuring && Number.isFinite(sentAt)) this.latencies.push(receivedAt - sentAt);
        if (this.measuring && Number.isFinite(stampedAt)) this.afterStamp.push(receivedAt - stampedAt);
    }
}

async function run(target, count, seconds, label) {
    const joinStarted = now();
    if (target.prepare) await target.prepare(count);
    const joinFormSeconds = (now() - joinStarted) / 1000;
    const clients = Array.from({ length: count }, (_, i) => new Client(i, target));
    const connectStarted = now();
    const joined = [];
    let connectFailures = 0, firstConnectError = null;
    await inBatches(clients, connectConcurrency, async (client) => {
        try {
            await client.connection.start();
            joined[client.index] = await target.join(client.connection);
        } catch (error) {
            connectFailures++;
            firstConnectError ??= String(error?.message ?? error);
            client.closed = true;
        }
    });
    const connectSeconds = (now() - connectStarted) / 1000;
    const live = clients.filter((c) => !c.closed);
    if (live.length < posterCount) fail(2, `${label}: only ${live.length} of ${count} clients connected (${firstConnectError})`);
    const after = Math.max(0, ...joined.filter((n) => Number.isFinite(n)));
    for (const client of clients) client.measuring = true;

    const cpuBefore = serverCpuTicks();
    const harnessCpuBefore = process.cpuUsage();
    resetPeakMemory();
    const started = now();
    const postsEach = Math.max(1, Math.round(ratePerPoster * seconds));
    const posted = new Set();
    const postLatencies = [];
    let postFailures = 0, firstPostError = null, unnumbered = 0;
    const posters = live.slice(0, posterCount).map(async (client, p) => {
        const calls = [];
        for (let k = 0; k < postsEach; k++) {
            // A steady rate: post k of poster p is due at a fixed time, whatever the earlier calls took.
            const due = started + (k + p / posterCount) * (1000 / ratePerPoster);
            const wait = due - now();
            if (wait > 0) await sleep(wait);
            const calledAt = now();
            calls.push(target.post(client.connection, p, k).then(
                (sequence) => { postLatencies.push(now() - calledAt); if (sequence === null) unnumbered++; else posted.add(sequence); },
                (error) => { postFailures++; firstPostError ??= String(error?.message ?? error); }));
        }
        await Promise.all(calls);
    });
    await Promise.all(posters);
    const postedFor = (now() - started) / 1000;

    // Which sequence numbers every client should have: those the posts were given (or, if the hub does not say,
    // every number up to the highest any client saw), after what the board held when the clients joined.
    let highest = Math.max(0, ...posted, ...clients.map((c) => c.highest));
    const expected = [];
    if (unnumbered === 0) expected.push(...[...posted].filter((s) => s > after).sort((a, b) => a - b));
    else for (let s = after + 1; s <= highest; s++) expected.push(s);
    const complete = (c) => c.closed || expected.every((s) => c.seen.has(s));
    const drainUntil = now() + drainSeconds * 1000;
    while (now() < drainUntil && !clients.every(complete)) await sleep(50);
    await sleep(200); // late duplicates, if any, arrive here
    const wallSeconds = (now() - started) / 1000;
    const cpuTicks = cpuBefore === null ? null : serverCpuTicks() - cpuBefore;
    const harnessCpu = process.cpuUsage(harnessCpuBefore);
    const memory = serverMemory();

    for (const client of clients) client.measuring = false;
    const closedDuring = clients.filter((c) => c.closed).length - connectFailures;
    await Promise.all(clients.map((c) => c.connection.stop().catch(() => {})));

    const latencies = clients.flatMap((c) => c.latencies).sort((a, b) => a - b);
    const afterStamp = clients.flatMap((c) => c.afterStamp).sort((a, b) => a - b);
    const missingPerClient = clients.map((c) => expected.filter((s) => !c.seen.has(s)).length);
    const messages = clients.reduce((n, c) => n + c.messages, 0);
    return {
        label, count, joinFormSeconds, connectFailures, firstConnectError, connectSeconds, closedDuring,
        posts: expected.length, postsTried: postsEach * posterCount, postFailures, firstPostError, postedFor, wallSeconds,
        deliveries: latencies.length,
        missing: missingPerClient.reduce((a, b) => a + b, 0),
        clientsMissing: missingPerClient.filter((n) => n > 0).length,
        duplicates: clients.reduce((n, c) => n + c.duplicates, 0),
        outOfOrder: clients.reduce((n, c) => n + c.outOfOrder, 0),
        unreadable: clients.reduce((n, c) => n + c.unreadable, 0),
        p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99), max: latencies.at(-1) ?? NaN,
        afterStampP50: percentile(afterStamp, 50), afterStampP99: percentile(afterStamp, 99),
        postP50: percentile(postLatencies.sort((a, b) => a - b), 50), postP99: percentile(postLatencies, 99),
        meanMessageBytes: messages ? clients.reduce((n, c) => n + c.messageBytes, 0) / messages : NaN,
        cpuSeconds: cpuTicks === null ? null : cpuTicks / clockTicksPerSecond(),
        harnessCpuSeconds: (harnessCpu.user + harnessCpu.system) / 1e6,
        memory,
    };
}

async function warmUp(target, label) {
    // Not measured: the first calls through each hub pay for JIT compilation and cold connection pools.
    const result = await run(target, warmupClients, warmupSeconds, label);
    if (result.connectFailures > 0 || result.postFailures > 0) {
        fail(2, `${label}: warm-up failed (${result.firstConnectError ?? result.firstPostError})`);
    }
}

// ---- the server's CPU and memory, from /proc -------------------------------------------------------------------

function serverCpuTicks() {
    if (!serverPid) return null;
    const stat = readFileSync(`/proc/${serverPid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" "); // fields[0] is field 3 (state)
    return Number(fields[11]) + Number(fields[12]);                 // utime + stime (fields 14 and 15)
}

function clockTicksPerSecond() { return Number(args["clock-ticks"] ?? 100); }

/** Writing 5 to clear_refs resets the peak (VmHWM), so each run's peak is its own; if not allowed, the peak is the process's. */
function resetPeakMemory() {
    if (!serverPid) return;
    try { writeFileSync(`/proc/${serverPid}/clear_refs`, "5"); } catch { /* the peak then covers the whole process */ }
}

function serverMemory() {
    if (!serverPid) return null;
    const status = readFileSync(`/proc/${serverPid}/status`, "utf8");
    const kib = (name) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? NaN);
    return { peakMiB: kib("VmHWM") / 1024, nowMiB: kib("VmRSS") / 1024 };
}

// ---- output ---------------------------------------------------------------------------------------------------

function describe(r) {
    const ms = (x) => (Number.isFinite(x) ? x.toFixed(1) : "n/a");
    const lines = [
        `${r.label}: ${r.count} clients (` + (r.joinFormSeconds > 0.05 ? `joined through /board/join in ${r.joinFormSeconds.toFixed(1)} s, ` : "") +
            `connected and joined in ${r.connectSeconds.toFixed(1)} s, ${r.connectFailures} failed` +
            (r.firstConnectError ? `: ${r.firstConnectError}` : "") + `), ${posterCount} posting ${ratePerPoster}/s each`,
        `  posts: ${r.posts} numbered of ${r.postsTried} tried, ${r.postFailures} failed` + (r.firstPostError ? ` (${r.firstPostError})` : "") +
            `, posted over ${r.postedFor.toFixed(1)} s; post call p50 ${ms(r.postP50)} ms, p99 ${ms(r.postP99)} ms`,
        `  deliveries: ${r.deliveries} (expected ${r.posts} x ${r.count - r.connectFailures} = ${r.posts * (r.count - r.connectFailures)}), ` +
            `mean message ${Number.isFinite(r.meanMessageBytes) ? Math.round(r.meanMessageBytes) : "n/a"} bytes of JSON`,
        `  post-to-screen latency: p50 ${ms(r.p50)} ms, p95 ${ms(r.p95)} ms, p99 ${ms(r.p99)} ms, max ${ms(r.max)} ms`,
        `  missing ${r.missing} (at ${r.clientsMissing} clients), duplicates ${r.duplicates}, out of order ${r.outOfOrder}, ` +
            `unreadable ${r.unreadable}, connections closed during the run ${r.closedDuring}`,
    ];
    if (Number.isFinite(r.afterStampP50)) {
        lines.push(`    of which from the post's created_at (stamped in its transaction) to the screen: p50 ${ms(r.afterStampP50)} ms, p99 ${ms(r.afterStampP99)} ms`);
    }
    if (r.cpuSeconds !== null) {
        lines.push(`  server: ${r.cpuSeconds.toFixed(2)} s CPU over ${r.wallSeconds.toFixed(1)} s (${(100 * r.cpuSeconds / r.wallSeconds).toFixed(0)}% of one core), ` +
            `peak RSS ${r.memory.peakMiB.toFixed(0)} MiB (now ${r.memory.nowMiB.toFixed(0)} MiB)`);
    }
    lines.push(`  this harness used ${r.harnessCpuSeconds.toFixed(2)} s of CPU (${(100 * r.harnessCpuSeconds / r.wallSeconds).toFixed(0)}% of one core), on the same machine`);
    return lines.join("\n");
}

// ---- main -----------------------------------------------------------------------------------------------------

// Both hubs are warmed up before either is measured, so that neither run pays for the JIT compilation of the paths
// they share (SignalR's, Kestrel's WebSockets) and the order of the runs matters less.
const baselineGroup = `bench-${process.pid}`;
const code = baselineOnly ? null : args["board-code"] ?? fail(2, "--board-code is required (or --baseline-only)\n" + USAGE);
if (!baselineOnly) {
    const warmupCode = args["warmup-board-code"] ?? fail(2, "--warmup-board-code is required (or --baseline-only)");
    await warmUp(boardTarget(warmupCode), "board warm-up");
}
await warmUp(baselineTarget(baselineGroup + "-warmup", 500), "baseline warm-up");

let board = null;
if (!baselineOnly) {
    board = await run(boardTarget(code), clientCount, durationSeconds, "Board (/hubs/board)");
    console.log(describe(board));
}
// The baseline's messages are as big as the board's were in this run (or --payload-bytes without a board run).
const payloadBytes = board && Number.isFinite(board.meanMessageBytes) ? Math.round(board.meanMessageBytes) : wholeNumber("payload-bytes", 500);
const baseline = await run(baselineTarget(baselineGroup, payloadBytes), clientCount, durationSeconds, "Baseline (/hubs/bench-broadcast)");
console.log(describe(baseline));

const fixed = (x) => (Number.isFinite(x) ? x.toFixed(1) : "nan");
let status = 0;
if (board) {
    console.log(`Board p99 / baseline p99: ${(board.p99 / baseline.p99).toFixed(2)} (aim: 1.5 or less)`);
    if (board.missing > 0 || board.duplicates > 0) {
        console.log("=".repeat(60) + `\nDELIVERY BROKEN: ${board.missing} missing, ${board.duplicates} duplicated on the board\n` + "=".repeat(60));
        status = 1;
    } else if (board.connectFailures > 0 || board.postFailures > 0 || baseline.connectFailures > 0 || baseline.postFailures > 0) {
        status = 3;
    }
    console.log(`RESULT liveboard clients=${clientCount} posts=${board.posts} missing=${board.missing} duplicates=${board.duplicates} ` +
        `p50_ms=${fixed(board.p50)} p99_ms=${fixed(board.p99)} baseline_p99_ms=${fixed(baseline.p99)}`);
} else {
    if (baseline.missing > 0 || baseline.duplicates > 0) status = 1;
    else if (baseline.connectFailures > 0 || baseline.postFailures > 0) status = 3;
    console.log(`RESULT liveboard-baseline clients=${clientCount} posts=${baseline.posts} missing=${baseline.missing} ` +
        `duplicates=${baseline.duplicates} p50_ms=${fixed(baseline.p50)} p99_ms=${fixed(baseline.p99)}`);
}
process.exit(status);

// ---- helpers --------------------------------------------------------------------------------------------------

function parseArgs(argv) {
    const parsed = {};
    for (let i = 0; i < argv.length; i++) {
        if (!argv[i].startsWith("--")) fail(2, `unexpected argument '${argv[i]}'\n${USAGE}`);
        const name = argv[i].slice(2);
        if (name === "baseline-only") { parsed[name] = true; continue; }
        if (i + 1 >= argv.length) fail(2, `--${name} needs a value`);
        parsed[name] = argv[++i];
    }
    return parsed;
}

function wholeNumber(name, fallback) {
    if (!(name in args)) return fallback;
    const value = Number(args[name]);
    if (!Number.isInteger(value) || value < 1) fail(2, `--${name} must be a whole number from 1, not '${args[name]}'`);
    return value;
}

function positiveNumber(name, fallback) {
    if (!(name in args)) return fallback;
    const value = Number(args[name]);
    if (!Number.isFinite(value) || value <= 0) fail(2, `--${name} must be a number above 0, not '${args[name]}'`);
    return value;
}

function percentile(sorted, p) {
    if (sorted.length === 0) return NaN;
    return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function inBatches(items, size, work) {
    let next = 0;
    await Promise.all(Array.from({ length: Math.min(size, items.length) }, async () => {
        while (next < items.length) await work(items[next++]);
    }));
}

function sleep(ms) { return new Promise((resolve) => setTimeout(resolve, ms)); }

function fail(status, message) {
    console.error(`liveboard: ${message}`);
    process.exit(status);
}
