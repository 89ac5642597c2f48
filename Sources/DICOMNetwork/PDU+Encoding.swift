import NIOCore

extension PDU {
    /// Encodes the whole PDU (6-byte header and body), PS3.8 §9.3.
    public func encode(into buffer: inout ByteBuffer) throws {
        buffer.writeInteger(type.rawValue)
        buffer.writeInteger(UInt8(0))
        let lengthIndex = buffer.writerIndex
        buffer.writeInteger(UInt32(0))
        let bodyStart = buffer.writerIndex
        switch self {
        case .associateRQ(let rq):
            try Self.writeAssociateBody(
                into: &buffer, version: rq.protocolVersion, called: rq.calledAETitle,
                calling: rq.callingAETitle, context: rq.applicationContextName
            ) { buffer in
                for pc in rq.presentationContexts { try pc.encode(into: &buffer) }
                try rq.userInformation.encode(into: &buffer)
            }
        case .associateAC(let ac):
            try Self.writeAssociateBody(
                into: &buffer, version: ac.protocolVersion, called: ac.calledAETitle,
                calling: ac.callingAETitle, context: ac.applicationContextName
            ) { buffer in
                for pc in ac.presentationContexts { try pc.encode(into: &buffer) }
                try ac.userInformation.encode(into: &buffer)
            }
        case .associateRJ(let rj):
            buffer.writeInteger(UInt8(0))
            buffer.writeInteger(rj.result.rawValue)
            buffer.writeInteger(rj.source.rawValue)
            buffer.writeInteger(rj.reason.rawValue)
        case .dataTF(let tf):
            for pdv in tf.values {
                guard pdv.data.readableBytes <= Int(UInt32.max) - 2 else {
                    throw DICOMNetworkError(.malformedPDU, "presentation data value too long")
                }
                buffer.writeInteger(UInt32(pdv.data.readableBytes + 2))
                buffer.writeInteger(pdv.presentationContextID)
                buffer.writeInteger(pdv.header.byte)
                var data = pdv.data
                buffer.writeBuffer(&data)
            }
        case .releaseRQ, .releaseRP:
            buffer.writeInteger(UInt32(0))
        case .abort(let abort):
            buffer.writeInteger(UInt8(0))
            buffer.writeInteger(UInt8(0))
            buffer.writeInteger(abort.source.rawValue)
            buffer.writeInteger(abort.reason.rawValue)
        }
        let length = buffer.writerIndex - bodyStart
        guard length <= Int(UInt32.max) else {
            throw DICOMNetworkError(.malformedPDU, "PDU body of \(length) bytes exceeds 32-bit length")
        }
        buffer.setInteger(UInt32(length), at: lengthIndex)
    }

    private static func writeAssociateBody(
        into buffer: inout ByteBuffer, version: UInt16, called: String, calling: String,
        context: String, items: (inout ByteBuffer) throws -> Void
    ) throws {
        buffer.writeInteger(version)
        buffer.writeInteger(UInt16(0))
        buffer.writeAETitle(called)
        buffer.writeAETitle(calling)
        buffer.writeRepeatingByte(0, count: 32)
        try buffer.writeItem(type: 0x10) { $0.writeString(context) }
        try items(&buffer)
    }
}

extension PresentationContextRQ {
    func encode(into buffer: inout ByteBuffer) throws {
        try buffer.writeItem(type: 0x20) { buffer in
            buffer.writeInteger(id)
            buffer.writeRepeatingByte(0, count: 3)
            try buffer.writeItem(type: 0x30) { $0.writeString(abstractSyntax) }
            for ts in transferSyntaxes {
                try buffer.writeItem(type: 0x40) { $0.writeString(ts) }
            }
        }
    }
}

extension PresentationContextAC {
    func encode(into buffer: inout ByteBuffer) throws {
        try buffer.writeItem(type: 0x21) { buffer in
            buffer.writeInteger(id)
            buffer.writeInteger(UInt8(0))
            buffer.writeInteger(result.rawValue)
            buffer.writeInteger(UInt8(0))
            // PS3.8 §9.3.3.2: a transfer syntax sub-item is always present; its value is not
            // significant when the context is rejected, and many peers send it empty.
            try buffer.writeItem(type: 0x40) { $0.writeString(transferSyntax ?? "") }
        }
    }
}

extension UserInformation {
    func encode(into buffer: inout ByteBuffer) throws {
        try buffer.writeItem(type: 0x50) { buffer in
            if let maximumLength {
                try buffer.writeItem(type: 0x51) { $0.writeInteger(maximumLength) }
            }
            if let implementationClassUID {
                try buffer.writeItem(type: 0x52) { $0.writeString(implementationClassUID) }
            }
            if let window = asynchronousOperationsWindow {
                try buffer.writeItem(type: 0x53) {
                    $0.writeInteger(window.maxOperationsInvoked)
                    $0.writeInteger(window.maxOperationsPerformed)
                }
            }
            for role in roleSelections {
                try buffer.writeItem(type: 0x54) { buffer in
                    try buffer.writeShortString(role.sopClassUID)
                    buffer.writeInteger(UInt8(role.scuRole ? 1 : 0))
                    buffer.writeInteger(UInt8(role.scpRole ? 1 : 0))
                }
            }
            if let implementationVersionName {
                try buffer.writeItem(type: 0x55) { $0.writeString(implementationVersionName) }
            }
            for ext in extendedNegotiations {
                try buffer.writeItem(type: 0x56) { buffer in
                    try buffer.writeShortString(ext.sopClassUID)
                    buffer.writeBytes(ext.applicationInformation)
                }
            }
            for common in commonExtendedNegotiations {
                try buffer.writeItem(type: 0x57) { buffer in
                    try buffer.writeShortString(common.sopClassUID)
                    try buffer.writeShortString(common.serviceClassUID)
                    var related = ByteBuffer()
                    for uid in common.relatedGeneralSOPClassUIDs { try related.writeShortString(uid) }
                    try buffer.writeShortBytes(Array(related.readableBytesView))
                }
            }
            if let identity = userIdentityRQ {
                try buffer.writeItem(type: 0x58) { buffer in
                    buffer.writeInteger(identity.type.rawValue)
                    buffer.writeInteger(UInt8(identity.positiveResponseRequested ? 1 : 0))
                    try buffer.writeShortBytes(identity.primaryField)
                    try buffer.writeShortBytes(identity.secondaryField)
                }
            }
            if let identity = userIdentityAC {
                try buffer.writeItem(type: 0x59) { try $0.writeShortBytes(identity.serverResponse) }
            }
            for item in unknownItems {
                try buffer.writeItem(type: item.type) { $0.writeBytes(item.value) }
            }
        }
    }
}

extension ByteBuffer {
    /// Writes an item header (type, reserved, 16-bit length) around the body, PS3.8 §9.3.
    mutating func writeItem(type: UInt8, _ body: (inout ByteBuffer) throws -> Void) throws {
        writeInteger(type)
        writeInteger(UInt8(0))
        let lengthIndex = writerIndex
        writeInteger(UInt16(0))
        try body(&self)
        let length = writerIndex - lengthIndex - 2
        guard length <= Int(UInt16.max) else {
            throw DICOMNetworkError(.malformedPDU, "item 0x\(String(type, radix: 16)) longer than 65535 bytes")
        }
        setInteger(UInt16(length), at: lengthIndex)
    }

    /// AE titles occupy 16 bytes, padded with spaces, PS3.8 §9.3.2.
    mutating func writeAETitle(_ title: String) {
        let bytes = Array(title.utf8.prefix(16))
        writeBytes(bytes)
        writeRepeatingByte(0x20, count: 16 - bytes.count)
    }

    mutating func writeShortString(_ string: String) throws {
        try writeShortBytes(Array(string.utf8))
    }

    mutating func writeShortBytes(_ bytes: [UInt8]) throws {
        guard bytes.count <= Int(UInt16.max) else {
            throw DICOMNetworkError(.malformedPDU, "field longer than 65535 bytes")
        }
        writeInteger(UInt16(bytes.count))
        writeBytes(bytes)
    }
}
