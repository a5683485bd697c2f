#!/usr/bin/env python3
"""A real SMTP server for the email tests (aiosmtpd, installed by scripts/test).

usage: smtp_server.py DIR PORT [--auth USER:PASS] [--login-only] [--tls CERT KEY] [--hang]

Writes DIR/ready when listening. Each accepted message becomes DIR/messages/N.json: the envelope,
who authenticated, and the message parsed by Python's email package (headers decoded, each part's
type and text), so the tests check what a mail client would show.
--login-only offers AUTH LOGIN but not PLAIN. --tls offers and requires STARTTLS with that certificate. --hang accepts connections and never
says a word.
"""
import asyncio
import email
import email.policy
import json
import os
import sys
import time

directory, port = sys.argv[1], int(sys.argv[2])
os.makedirs(os.path.join(directory, "messages"), exist_ok=True)


def ready():
    with open(os.path.join(directory, "ready"), "w") as f:
        f.write(str(os.getpid()))


if "--hang" in sys.argv:
    async def silent(reader, writer):
        await asyncio.sleep(3600)

    async def main():
        server = await asyncio.start_server(silent, "127.0.0.1", port)
        ready()
        async with server:
            await server.serve_forever()

    asyncio.run(main())
    sys.exit(0)

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

credentials = None
if "--auth" in sys.argv:
    user, password = sys.argv[sys.argv.index("--auth") + 1].split(":", 1)
    credentials = (user.encode(), password.encode())


def authenticator(server, session, envelope, mechanism, auth_data):
    ok = isinstance(auth_data, LoginPassword) and (auth_data.login, auth_data.password) == credentials
    if not ok:
        return AuthResult(success=False, handled=False)  # aiosmtpd then answers 535
    return AuthResult(success=True, auth_data=(mechanism, auth_data.login.decode()))


class Recorder:
    count = 0

    async def handle_DATA(self, server, session, envelope):
        Recorder.count += 1
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        parts = [{"type": part.get_content_type(), "text": part.get_content()}
                 for part in message.walk() if not part.is_multipart()]
        auth = session.auth_data if session.authenticated else None
        record = {
            "mail_from": envelope.mail_from, "rcpt_tos": envelope.rcpt_tos,
            "auth": list(auth) if auth else None,
            "tls": session.ssl is not None,
            "content_type": message.get_content_type(),
            "headers": {name: str(value) for name, value in message.items()},
            "raw_subject": envelope.content.split(b"\r\nSubject: ", 1)[1].split(b"\r\n", 1)[0].decode(),
            "parts": parts,
        }
        path = os.path.join(directory, "messages", "%04d.json" % Recorder.count)
        with open(path + ".tmp", "w") as f:
            json.dump(record, f, ensure_ascii=False)
        os.rename(path + ".tmp", path)
        return "250 Message accepted for delivery"


tls = {}
if "--tls" in sys.argv:
    import ssl
    at = sys.argv.index("--tls")
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(sys.argv[at + 1], sys.argv[at + 2])
    tls = {"tls_context": context, "require_starttls": True}

controller = Controller(
    Recorder(), hostname="127.0.0.1", port=port,
    authenticator=authenticator if credentials else None, auth_require_tls=False,
    auth_required=credentials is not None,
    auth_exclude_mechanism=["PLAIN"] if "--login-only" in sys.argv else [], **tls)
controller.start()
ready()
while True:
    time.sleep(3600)
