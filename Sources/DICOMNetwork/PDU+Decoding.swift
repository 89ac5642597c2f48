import NIOCore

extension PDU {
    /// Decodes a PDU body (everything after the 6-byte header), PS3.8 §9.3.
    /// - Throws: ``DICOMNetworkError`` `.unrecognizedPDU` or `.malformedPDU`.
    public static func decode(type: UInt8, body: ByteBuffer) throws -> PDU {
        var body = body
        guard let pduType = PDUType(rawValue: type) else {
            throw DICOMNetworkError(.unrecognizedPDU, "unknown PDU type 0x\(String(type, radix: 16))")
        }
        switch pduType {
        case .associateRQ:
            let header = try AssociateHeader.read(from: &body)
            var contexts: [PresentationContextRQ] = []
            var userInformation: UserInformation?
            var applicationContext: String?
            try body.forEachItem { type, item in
                switch type {
                case 0x10: applicationContext = item.readUID()
                case 0x20: contexts.append(try PresentationContextRQ.decode(item))
                case 0x50: userInformation = try UserInformation.decode(item)
                default: break  // PS3.8 §9.3.1: unrecognised items are ignored
                }
            }
            guard let applicationContext else {
                throw DICOMNetworkError(.malformedPDU, "A-ASSOCIATE-RQ without application context item")
            }
            return .associateRQ(
                AAssociateRQ(
                    protocolVersion: header.version, calledAETitle: header.called,
                    callingAETitle: header.calling, applicationContextName: applicationContext,
                    presentationContexts: contexts, userInformation: userInformation ?? UserInformation()
                ))
        case .associateAC:
            let header = try AssociateHeader.read(from: &body)
            var contexts: [PresentationContextAC] = []
            var userInformation: UserInformation?
            var applicationContext: String?
            try body.forEachItem { type, item in
                switch type {
                case 0x10: applicationContext = item.readUID()
                case 0x21: contexts.append(try PresentationContextAC.decode(item))
                case 0x50: userInformation = try UserInformation.decode(item)
                default: break
                }
            }
            guard let applicationContext else {
                throw DICOMNetworkError(.malformedPDU, "A-ASSOCIATE-AC without application context item")
            }
            return .associateAC(
                AAssociateAC(
                    protocolVersion: header.version, calledAETitle: header.called,
                    callingAETitle: header.calling, applicationContextName: applicationContext,
                    presentationContexts: contexts, userInformation: userInformation ?? UserInformation()
                ))
        case .associateRJ:
            guard let bytes = body.readBytes(length: 4) else {
                throw DICOMNetworkError(.malformedPDU, "A-ASSOCIATE-RJ shorter than 4 bytes")
            }
            guard let result = AAssociateRJ.Result(rawValue: bytes[1]),
                let source = AAssociateRJ.Source(rawValue: bytes[2])
            else {
                throw DICOMNetworkError(.malformedPDU, "A-ASSOCIATE-RJ with invalid result or source")
            }
            return .associateRJ(AAssociateRJ(result: result, source: source, reason: .init(rawValue: bytes[3])))
        case .dataTF:
            var values: [PresentationDataValue] = []
            while body.readableBytes > 0 {
                let item = try body.readPDVItemHeader(pduBytesLeft: body.readableBytes)
                guard let data = body.readSlice(length: item.valueLength) else {
                    throw PresentationDataValue.inconsistentItemLength
                }
                values.append(
                    PresentationDataValue(presentationContextID: item.contextID, header: item.header, data: data))
            }
            guard !values.isEmpty else {
                throw DICOMNetworkError(.malformedPDU, "P-DATA-TF without presentation data value")
            }
            return .dataTF(PDataTF(values: values))
        case .releaseRQ, .releaseRP:
            guard body.readableBytes >= 4 else {
                throw DICOMNetworkError(.malformedPDU, "A-RELEASE PDU shorter than 4 bytes")
            }
            return pduType == .releaseRQ ? .releaseRQ : .releaseRP
        case .abort:
            guard let bytes = body.readBytes(length: 4) else {
                throw DICOMNetworkError(.malformedPDU, "A-ABORT shorter than 4 bytes")
            }
            // Peers put odd values here; an abort is an abort, so decode leniently.
            return .abort(
                AAbort(
                    source: AAbort.Source(rawValue: bytes[2]) ?? .serviceProvider,
                    reason: AAbort.Reason(rawValue: bytes[3]) ?? .notSpecified))
        }
    }

    private struct AssociateHeader {
        var version: UInt16
        var called: String
        var calling: String

        static func read(from body: inout ByteBuffer) throws -> AssociateHeader {
            guard let version = body.readInteger(as: UInt16.self), body.readInteger(as: UInt16.self) != nil,
                let called = body.readBytes(length: 16), let calling = body.readBytes(length: 16),
                body.readBytes(length: 32) != nil
            else {
                throw DICOMNetworkError(.malformedPDU, "A-ASSOCIATE PDU shorter than its 68-byte header")
            }
            return AssociateHeader(version: version, called: aeTitle(called), calling: aeTitle(calling))
        }

        static func aeTitle(_ bytes: [UInt8]) -> String {
            String(decoding: bytes, as: UTF8.self).trimmingSpacesAndNulls()
        }
    }
}

extension PresentationContextRQ {
    static func decode(_ item: ByteBuffer) throws -> PresentationContextRQ {
        var item = item
        guard let id = item.readInteger(as: UInt8.self), item.readBytes(length: 3) != nil else {
            throw DICOMNetworkError(.malformedPDU, "presentation context item shorter than 4 bytes")
        }
        var abstract: String?
        var transfer: [String] = []
        try item.forEachItem { type, sub in
            switch type {
            case 0x30: abstract = sub.readUID()
            case 0x40: transfer.append(sub.readUID())
            default: break
            }
        }
        guard let abstract else {
            throw DICOMNetworkError(.malformedPDU, "presentation context \(id) without abstract syntax")
        }
        return PresentationContextRQ(id: id, abstractSyntax: abstract, transferSyntaxes: transfer)
    }
}

extension PresentationContextAC {
    static func decode(_ item: ByteBuffer) throws -> PresentationContextAC {
        var item = item
        guard let bytes = item.readBytes(length: 4) else {
            throw DICOMNetworkError(.malformedPDU, "presentation context AC item shorter than 4 bytes")
        }
        guard let result = Result(rawValue: bytes[2]) else {
            throw DICOMNetworkError(.malformedPDU, "presentation context \(bytes[0]) result \(bytes[2]) undefined")
        }
        var transfer: String?
        try item.forEachItem { type, sub in
            if type == 0x40 {
                let uid = sub.readUID()
                transfer = uid.isEmpty ? nil : uid
            }
        }
        return PresentationContextAC(id: bytes[0], result: result, transferSyntax: transfer)
    }
}

extension UserInformation {
    static func decode(_ item: ByteBuffer) throws -> UserInformation {
        var info = UserInformation()
        var item = item
        try item.forEachItem { type, sub in
            var sub = sub
            switch type {
            case 0x51:
                guard let value = sub.readInteger(as: UInt32.self) else {
                    throw DICOMNetworkError(.malformedPDU, "maximum length sub-item shorter than 4 bytes")
                }
                info.maximumLength = value
            case 0x52: info.implementationClassUID = sub.readUID()
            case 0x53:
                guard let invoked = sub.readInteger(as: UInt16.self),
                    let performed = sub.readInteger(as: UInt16.self)
                else {
                    throw DICOMNetworkError(.malformedPDU, "asynchronous operations window shorter than 4 bytes")
                }
                info.asynchronousOperationsWindow = .init(
                    maxOperationsInvoked: invoked, maxOperationsPerformed: performed)
            case 0x54:
                let uid = try sub.readShortString()
                guard let scu = sub.readInteger(as: UInt8.self), let scp = sub.readInteger(as: UInt8.self) else {
                    throw DICOMNetworkError(.malformedPDU, "role selection sub-item truncated")
                }
                info.roleSelections.append(.init(sopClassUID: uid, scuRole: scu != 0, scpRole: scp != 0))
            case 0x55:
                info.implementationVersionName = String(decoding: sub.readableBytesView, as: UTF8.self)
                    .trimmingSpacesAndNulls()
            case 0x56:
                let uid = try sub.readShortString()
                info.extendedNegotiations.append(
                    .init(sopClassUID: uid, applicationInformation: Array(sub.readableBytesView)))
            case 0x57:
                let uid = try sub.readShortString()
                let service = try sub.readShortString()
                var related = ByteBuffer(bytes: try sub.readShortBytes())
                var uids: [String] = []
                while related.readableBytes > 0 { uids.append(try related.readShortString()) }
                info.commonExtendedNegotiations.append(
                    .init(sopClassUID: uid, serviceClassUID: service, relatedGeneralSOPClassUIDs: uids))
            case 0x58:
                guard let rawType = sub.readInteger(as: UInt8.self),
                    let positive = sub.readInteger(as: UInt8.self)
                else {
                    throw DICOMNetworkError(.malformedPDU, "user identity sub-item truncated")
                }
                guard let identityType = UserIdentityRQ.IdentityType(rawValue: rawType) else {
                    throw DICOMNetworkError(.malformedPDU, "user identity type \(rawType) undefined")
                }
                let primary = try sub.readShortBytes()
                let secondary = sub.readableBytes >= 2 ? try sub.readShortBytes() : []
                info.userIdentityRQ = .init(
                    type: identityType, positiveResponseRequested: positive == 1, primaryField: primary,
                    secondaryField: secondary)
            case 0x59:
                info.userIdentityAC = .init(serverResponse: try sub.readShortBytes())
            default:
                info.unknownItems.append(.init(type: type, value: Array(sub.readableBytesView)))
            }
        }
        return info
    }
}

extension ByteBuffer {
    /// Walks the items of a variable field: type, reserved byte, 16-bit length, value.
    mutating func forEachItem(_ body: (UInt8, ByteBuffer) throws -> Void) throws {
        while readableBytes > 0 {
            guard let type = readInteger(as: UInt8.self), readInteger(as: UInt8.self) != nil,
                let length = readInteger(as: UInt16.self)
            else {
                throw DICOMNetworkError(.malformedPDU, "item header truncated")
            }
            guard let value = readSlice(length: Int(length)) else {
                throw DICOMNetworkError(
                    .malformedPDU,
                    "item 0x\(String(type, radix: 16)) declares \(length) bytes, \(readableBytes) remain")
            }
            try body(type, value)
        }
    }

    /// A presentation data value item header, PS3.8 §9.3.5.1: item length (context ID + message
    /// control header + value), presentation context ID, message control header. `pduBytesLeft`
    /// counts the PDU's bytes from the item's start; an item shorter than its header or longer
    /// than what is left of its PDU is malformed.
    mutating func readPDVItemHeader(pduBytesLeft: Int) throws(DICOMNetworkError) -> (
        contextID: UInt8, header: PresentationDataValue.MessageControlHeader, valueLength: Int
    ) {
        guard pduBytesLeft >= 6, let length = readInteger(as: UInt32.self), length >= 2,
            UInt64(length) + 4 <= UInt64(pduBytesLeft),
            let id = readInteger(as: UInt8.self), let control = readInteger(as: UInt8.self)
        else { throw PresentationDataValue.inconsistentItemLength }
        return (id, .init(byte: control), Int(length) - 2)
    }

    /// A UID field; trailing NUL or space padding that some peers send is removed.
    func readUID() -> String {
        String(decoding: readableBytesView, as: UTF8.self).trimmingSpacesAndNulls()
    }

    mutating func readShortBytes() throws -> [UInt8] {
        guard let length = readInteger(as: UInt16.self), let bytes = readBytes(length: Int(length)) else {
            throw DICOMNetworkError(.malformedPDU, "length-prefixed field truncated")
        }
        return bytes
    }

    mutating func readShortString() throws -> String {
        String(decoding: try readShortBytes(), as: UTF8.self).trimmingSpacesAndNulls()
    }
}

extension String {
    func trimmingSpacesAndNulls() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first == " " || first == "\0" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\0" { scalars.removeLast() }
        return String(scalars)
    }
}
