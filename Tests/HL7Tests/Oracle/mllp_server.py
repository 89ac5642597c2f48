"""A python-hl7 MLLP server for HL7Tests: acknowledges each message with python-hl7's create_ack and,
after COUNT messages, prints what it received as JSON and exits.

Usage: python3 mllp_server.py PORTFILE COUNT TIMEOUT_SECONDS
"""
import asyncio
import json
import sys

try:
    import hl7
    from hl7.mllp import start_hl7_server
except ImportError as e:
    print("mllp_server: missing python package: %s (pip install hl7)" % e, file=sys.stderr)
    sys.exit(2)


async def main(port_file, count, timeout):
    received = []
    done = asyncio.Event()

    async def on_client(reader, writer):
        try:
            while not done.is_set():
                message = await reader.readmessage()
                obx = [str(s[5]) for s in message.segments("OBX")] if "OBX" in str(message) else []
                received.append({
                    "type": str(message.segment("MSH")[9]),
                    "control_id": str(message.segment("MSH")[10]),
                    "pid3": str(message.segment("PID")[3]),
                    "obr25": str(message.segment("OBR")[25]),
                    "obx5": obx,
                    "obx5_unescaped": [message.unescape(v) for v in obx],
                })
                writer.writemessage(message.create_ack())
                await writer.drain()
                if len(received) >= count:
                    done.set()
        except asyncio.IncompleteReadError:
            pass
        finally:
            writer.close()

    server = await start_hl7_server(on_client, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    with open(port_file, "w") as fh:
        fh.write(str(port))
    try:
        await asyncio.wait_for(done.wait(), timeout)
    except asyncio.TimeoutError:
        print("mllp_server: timed out after %s s with %d message(s)" % (timeout, len(received)), file=sys.stderr)
    server.close()
    json.dump(received, sys.stdout)


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], int(sys.argv[2]), float(sys.argv[3])))
