#!/usr/bin/env python3
"""Raw-socket DICOM peer for the DIMSE timeout tests: associates with the server on 127.0.0.1:PORT,
sends a command announcing a data set (SCENARIO store or event) or the first fragment of a command
(SCENARIO command), then stays silent. Prints the first bytes that came back (hex, or -), whether
the server closed the connection, and after how many seconds.

  silent-dimse-peer.py PORT SCENARIO
"""
import socket, sys, time
from raw_dicom_peer import associate_rq, drain
port = int(sys.argv[1]); scenario = sys.argv[2]
def el(e, v): return (0).to_bytes(2, 'little') + e.to_bytes(2, 'little') + len(v).to_bytes(4, 'little') + v
def us(v): return v.to_bytes(2, 'little')
abstract = {'store': b'1.2.840.10008.5.1.4.1.1.7', 'event': b'1.2.840.10008.1.20.1', 'command': b'1.2.840.10008.1.1'}[scenario]
s = socket.create_connection(('127.0.0.1', port))
s.sendall(associate_rq(b'HOSTILE', abstract))
# The acceptance itself is not what is measured: wait long enough for a loaded machine,
# and say so by name if it never comes.
s.settimeout(20); asked = time.time()
try:
    ac = s.recv(65536)
except socket.timeout:
    sys.exit('no A-ASSOCIATE-AC within %.1f s' % (time.time() - asked))
assert ac[:1] == b'\x02', 'not accepted: ' + ac[:10].hex()
uid = abstract + (b'' if len(abstract) % 2 else b'\0')
if scenario == 'store':
    cmd = el(0x0002, uid) + el(0x0100, us(0x0001)) + el(0x0110, us(1)) + el(0x0700, us(0)) + el(0x0800, us(0)) + el(0x1000, b'1.2.3.4\0')
elif scenario == 'event':
    cmd = el(0x0002, uid) + el(0x0100, us(0x0100)) + el(0x0110, us(1)) + el(0x0800, us(0)) + el(0x1000, b'1.2.840.10008.1.20.1.1\0') + el(0x1002, us(1))
else:
    cmd = el(0x0002, uid) + el(0x0100, us(0x0030)) + el(0x0110, us(1)) + el(0x0800, us(0x0101))
cmd = el(0x0000, len(cmd).to_bytes(4, 'little')) + cmd
if scenario == 'command':
    cmd = cmd[:20]; ctrl = 1   # a command fragment that is not the last
else:
    ctrl = 3
pdv = (len(cmd) + 2).to_bytes(4, 'big') + bytes([1, ctrl]) + cmd
s.sendall(b'\x04\x00' + len(pdv).to_bytes(4, 'big') + pdv)
start = time.time()
data, state = drain(s, 20)
print(data[:10].hex() or '-', state, '%.2f' % (time.time() - start))
