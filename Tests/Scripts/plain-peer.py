#!/usr/bin/env python3
"""Raw-socket peer for the TLS tests: sends a plain-TCP A-ASSOCIATE-RQ to 127.0.0.1:PORT (a TLS port),
then prints the first byte that came back (hex, or -), whether the server closed the connection,
and after how many seconds.

  plain-peer.py PORT
"""
import socket, sys, time
from raw_dicom_peer import associate_rq, drain
port = int(sys.argv[1])
s = socket.create_connection(('127.0.0.1', port))
start = time.time()
s.sendall(associate_rq(b'PLAIN', b'1.2.840.10008.1.1'))
data, state = drain(s, 10)
print(data[:1].hex() or '-', state, '%.2f' % (time.time() - start))
