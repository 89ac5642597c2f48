"""Raw-socket pieces shared by the test peers in this folder: an A-ASSOCIATE-RQ built byte by byte
(PS3.8 §9.3.2), and reading what the server sends until it closes or falls silent."""
import socket


def item(item_type, payload):
    """A variable item: type, reserved byte, 2-byte big-endian length, payload."""
    return bytes([item_type, 0]) + len(payload).to_bytes(2, 'big') + payload


def associate_rq(calling, abstract, called=b'LIGHTBOX', max_pdu=16384):
    """An A-ASSOCIATE-RQ proposing ABSTRACT in Implicit VR Little Endian as presentation context 1."""
    pc = item(0x20, bytes([1, 0, 0, 0]) + item(0x30, abstract) + item(0x40, b'1.2.840.10008.1.2'))
    ui = item(0x50, item(0x51, max_pdu.to_bytes(4, 'big')) + item(0x52, b'1.2.3'))
    body = (b'\x00\x01\x00\x00' + called.ljust(16) + calling.ljust(16) + b'\0' * 32
            + item(0x10, b'1.2.840.10008.3.1.1.1') + pc + ui)
    return b'\x01\x00' + len(body).to_bytes(4, 'big') + body


def drain(sock, timeout):
    """Everything received until the server closes ('closed') or sends nothing for TIMEOUT seconds
    ('open'): returns (bytes, state)."""
    sock.settimeout(timeout)
    data, state = b'', 'open'
    try:
        while True:
            chunk = sock.recv(65536)
            if not chunk:
                state = 'closed'
                break
            data += chunk
    except socket.timeout:
        pass
    except ConnectionResetError:
        state = 'closed'
    return data, state
