"""Reads dashboard pages in headless Chromium, as a person would, through the DevTools protocol.

    dashboard_browser.py BASE_URL TOKEN OUT_DIR WIDTH PATH...

Signs in through the sign-in form (TOKEN `-` skips signing in), then opens each PATH at WIDTH
pixels (390 lays out as a phone). Writes OUT_DIR/report.json: for each page its HTTP status, its
visible text, every URL the page requested, anything the console or the security policy
reported, and a full-page screenshot (OUT_DIR/NN.png).
"""
import base64
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

import websocket  # websocket-client, from PyPI

TIMEOUT = 120  # seconds for any one browser step: generous, CI shares its cores


class Browser:
    def __init__(self, width):
        self.profile = tempfile.mkdtemp(prefix="tutahi-chromium-")
        self.process = subprocess.Popen(
            [shutil.which("chromium") or "chromium", "--headless=new", "--no-sandbox", "--disable-gpu",
             "--no-first-run", "--disable-extensions", "--remote-debugging-port=0",
             f"--user-data-dir={self.profile}", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port_file = os.path.join(self.profile, "DevToolsActivePort")
        deadline = time.time() + TIMEOUT
        while not (os.path.exists(port_file) and open(port_file).read().count("\n") >= 1):
            if time.time() > deadline or self.process.poll() is not None:
                raise SystemExit("chromium did not start")
            time.sleep(0.1)
        port = open(port_file).read().split("\n")[0]
        import urllib.request
        targets = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=TIMEOUT))
        page = next(t for t in targets if t["type"] == "page")
        self.socket = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=TIMEOUT, suppress_origin=True)
        self.next_id = 0
        self.events = []
        for domain in ["Page", "Network", "Log", "Runtime", "DOM"]:
            self.call(f"{domain}.enable")
        mobile = width < 600
        self.call("Emulation.setDeviceMetricsOverride",
                  width=width, height=844 if mobile else 900, deviceScaleFactor=1, mobile=mobile)

    def call(self, method, **params):
        self.next_id += 1
        ident = self.next_id
        self.socket.send(json.dumps({"id": ident, "method": method, "params": params}))
        while True:
            message = json.loads(self.socket.recv())
            if message.get("id") == ident:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            self.events.append(message)

    def wait_for(self, method):
        deadline = time.time() + TIMEOUT
        for index, event in enumerate(self.events):
            if event.get("method") == method:
                del self.events[: index + 1]
                return event
        while time.time() < deadline:
            message = json.loads(self.socket.recv())
            if message.get("method") == method:
                return message
            self.events.append(message)
        raise SystemExit(f"timed out waiting for {method}")

    def open(self, url):
        self.events = []
        self.call("Page.navigate", url=url)
        self.wait_for("Page.loadEventFired")
        seen = self.events
        requests = [e["params"]["request"]["url"] for e in seen if e.get("method") == "Network.requestWillBeSent"]
        statuses = [e["params"]["response"]["status"] for e in seen
                    if e.get("method") == "Network.responseReceived" and e["params"]["type"] == "Document"]
        problems = [e["params"]["entry"]["text"] for e in seen if e.get("method") == "Log.entryAdded"]
        problems += [str(e["params"]) for e in seen if e.get("method") == "Runtime.consoleAPICalled"]
        return requests, (statuses[-1] if statuses else None), problems

    def text(self):
        return self.call("Runtime.evaluate", expression="document.body.innerText", returnByValue=True)["result"]["value"]

    def sign_in(self, base, token):
        self.open(base + "/sign-in")
        root = self.call("DOM.getDocument")["root"]["nodeId"]
        field = self.call("DOM.querySelector", nodeId=root, selector="input[name=token]")["nodeId"]
        self.call("DOM.focus", nodeId=field)
        self.call("Input.insertText", text=token)
        self.events = []
        self.call("Input.dispatchKeyEvent", type="keyDown", key="Enter", code="Enter", windowsVirtualKeyCode=13, text="\r")
        self.call("Input.dispatchKeyEvent", type="keyUp", key="Enter", code="Enter", windowsVirtualKeyCode=13)
        self.wait_for("Page.loadEventFired")

    def screenshot(self, path):
        height = os.environ.get("SHOT_HEIGHT")  # for pictures in the docs: the top of the page only
        if height:
            width = self.call("Runtime.evaluate", expression="document.documentElement.clientWidth", returnByValue=True)
            clip = {"x": 0, "y": 0, "width": width["result"]["value"], "height": int(height), "scale": 1}
            data = self.call("Page.captureScreenshot", format="png", clip=clip, captureBeyondViewport=True)["data"]
        else:
            data = self.call("Page.captureScreenshot", format="png", captureBeyondViewport=True)["data"]
        with open(path, "wb") as file:
            file.write(base64.b64decode(data))

    def close(self):
        try:
            self.socket.close()
        finally:
            self.process.kill()
            self.process.wait()
            shutil.rmtree(self.profile, ignore_errors=True)


def main():
    base, token, out, width, paths = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5:]
    os.makedirs(out, exist_ok=True)
    browser = Browser(width)
    try:
        if token != "-":
            browser.sign_in(base, token)
        pages = []
        for number, path in enumerate(paths):
            requests, status, problems = browser.open(base + path)
            shot = os.path.join(out, f"{number:02d}.png")
            browser.screenshot(shot)
            pages.append({"path": path, "status": status, "text": browser.text(), "requests": requests,
                          "problems": problems, "screenshot": shot,
                          "scroll_width": browser.call("Runtime.evaluate", expression="document.documentElement.scrollWidth",
                                                       returnByValue=True)["result"]["value"]})
        with open(os.path.join(out, "report.json"), "w") as file:
            json.dump(pages, file, indent=1)
    finally:
        browser.close()


if __name__ == "__main__":
    main()
