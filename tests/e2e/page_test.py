#!/usr/bin/python3
"""page_test.py: drives trawl-serve's page in headless Chromium through the DevTools protocol,
as a person would: types a query and submits it, clicks a facet, goes to the next page, opens
a report and downloads its CSV; fails on any JavaScript dialog (a document made to attack the
page must not run anything) or error, and saves a screenshot of each step.

    page_test.py URL SCREENSHOT_PREFIX

Needs chromium and python3-websocket (Debian packages)."""
import base64
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

import websocket

URL, SHOTS = sys.argv[1], sys.argv[2]
failures = []


def fail(what):
    print("FAIL: " + what, file=sys.stderr)
    failures.append(what)


profile = tempfile.mkdtemp(prefix="trawl-chromium-")
browser = subprocess.Popen(
    ["chromium", "--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
     "--no-first-run", "--window-size=1280,1000", "--remote-debugging-port=0",
     "--user-data-dir=" + profile, "about:blank"],
    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
try:
    port_file = os.path.join(profile, "DevToolsActivePort")
    for _ in range(200):
        if os.path.exists(port_file) and open(port_file).read().strip():
            break
        time.sleep(0.05)
    port = open(port_file).read().split()[0]
    targets = json.load(urllib.request.urlopen("http://127.0.0.1:%s/json/list" % port))
    page = next(t for t in targets if t["type"] == "page")
    ws = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=30)
    ids = iter(range(1, 1 << 30))
    events = []

    def call(method, **params):
        i = next(ids)
        ws.send(json.dumps({"id": i, "method": method, "params": params}))
        while True:
            m = json.loads(ws.recv())
            if m.get("id") == i:
                if "error" in m:
                    raise RuntimeError(method + ": " + m["error"]["message"])
                return m.get("result", {})
            events.append(m)
            if m.get("method") == "Page.javascriptDialogOpening":
                fail("a dialog opened: " + m["params"].get("message", ""))
                call("Page.handleJavaScriptDialog", accept=True)

    def js(expression):
        r = call("Runtime.evaluate", expression=expression, awaitPromise=True, returnByValue=True)
        if "exceptionDetails" in r:
            raise RuntimeError(expression + ": " + json.dumps(r["exceptionDetails"]))
        return r["result"].get("value")

    def wait_for(expression, what):
        """Waits until `expression` is true (false while the page it reads is not there)."""
        for _ in range(200):
            if js("(() => { try { return !!(" + expression + "); } catch (e) { return false; } })()"):
                return True
            time.sleep(0.05)
        fail(what)
        return False

    def shot(name):
        data = call("Page.captureScreenshot", format="png")["data"]
        with open(SHOTS + name + ".png", "wb") as f:
            f.write(base64.b64decode(data))

    call("Page.enable")
    call("Runtime.enable")

    # 1 type a query and submit it
    call("Page.navigate", url=URL)
    wait_for("document.readyState === 'complete' && !!document.getElementById('q')", "the page")
    js("document.getElementById('q').value = 'ICC'; "
       "document.getElementById('search').requestSubmit(); true")
    wait_for("/^\\d+ passages/.test(document.getElementById('status').textContent)",
             "results after submitting a query")
    total = js("parseInt(document.getElementById('status').textContent)")
    marks = js("document.querySelectorAll('#results mark').length")
    if not marks:
        fail("no highlight in the results")
    if "q=ICC" not in js("location.search"):
        fail("the query is not in the URL (no permalink)")
    kwic_url = js("document.querySelector('#downloads a').href")
    kwic = urllib.request.urlopen(kwic_url).read().decode()
    if not kwic.startswith("left,match,right,passage"):
        fail("the occurrences download: " + kwic[:60])
    shot("1-search")

    # 2 click a facet: the filter joins the query, the count narrows
    js("document.querySelector('#facets a').click(); true")
    wait_for("document.getElementById('q').value.includes(':')", "a facet click adds a filter")
    wait_for("/^\\d+ passage/.test(document.getElementById('status').textContent)",
             "results after a facet click")
    narrowed = js("parseInt(document.getElementById('status').textContent)")
    if not narrowed or narrowed > total:
        fail("a facet filter should narrow %s passages, gave %s" % (total, narrowed))
    if not js("!!document.querySelector('#facets a.on')"):
        fail("the active filter is not marked")
    shot("2-facet")

    # 3 the next page
    js("history.back(); true")
    wait_for("!document.getElementById('q').value.includes(':')", "back to the query")
    wait_for("!!document.querySelector('#pager a')", "a next page link")
    js("document.querySelector('#pager a').click(); true")
    wait_for("location.search.includes('offset=10')", "the next page's URL")
    wait_for("document.getElementById('results').start === 11", "the next page's results")

    # 3b the order and the folding of reprints are links that keep the query, in the URL
    js("[...document.querySelectorAll('#order a')].find(a => a.textContent === 'newest').click(); true")
    wait_for("location.search.includes('sort=-date')", "newest first, in the URL")
    wait_for("/^\\d+ passages/.test(document.getElementById('status').textContent) && "
             "document.querySelector('#order a.on') && "
             "document.querySelector('#order a.on').textContent === 'newest'",
             "the results, newest first, the order marked")
    if js("parseInt(document.getElementById('status').textContent)") != total:
        fail("the order changed the number of matches")
    js("[...document.querySelectorAll('#order a')].find(a => a.textContent === 'fold reprints').click(); true")
    wait_for("location.search.includes('fold=1') && location.search.includes('sort=-date')",
             "folding reprints, the order kept")
    wait_for("/^\\d+ passages/.test(document.getElementById('status').textContent)",
             "the results with reprints folded")
    shot("2b-order")

    # 4 a report, its chart and its CSV
    js("document.querySelector('#views a[data-spec=\"icc\"]').click(); true")
    wait_for("document.querySelectorAll('#table tr').length > 1", "the report's table")
    wait_for("(() => { const i = document.querySelector('#chart img'); "
             "return i && i.complete && i.naturalWidth > 0; })()", "the report's chart")
    csv_url = js("document.querySelector('#downloads a').href")
    csv = urllib.request.urlopen(csv_url).read().decode()
    if not csv.startswith("icc,name,passages"):
        fail("the CSV download: " + csv[:60])
    shot("3-report")

    # 5 a document made to attack the page: shown as text, nothing runs
    call("Page.navigate", url=URL + "?q=harbour+studio")
    wait_for("/passage/.test(document.getElementById('status').textContent)",
             "the hostile document's result")
    title = js("document.querySelector('#results h2') && "
               "document.querySelector('#results h2').textContent")
    if not title or "<script>" not in title:
        fail("the hostile title should show as text: %r" % title)
    if js("document.querySelectorAll('script').length") != 1:
        fail("a script element came from the data")
    if js("!!document.querySelector('#results [onmouseover], #results img')"):
        fail("an element or attribute came from the data")
    if js("!!document.querySelector('#results a[href^=\"javascript\"]')"):
        fail("a javascript: link came from the data")
    time.sleep(0.3)
    js("true")  # collects a dialog event, if any came late
    shot("4-hostile")
    ws.close()
finally:
    browser.terminate()
    browser.wait()
    shutil.rmtree(profile, ignore_errors=True)

print("%d failures" % len(failures))
sys.exit(1 if failures else 0)
