import DICOM
import Foundation
import NIOCore

/// The part of a DICOM file (PS3.10 §7.1) the network layer needs: the preamble, "DICM" and the
/// File Meta Information group (0002), read without loading the data set that follows, so a
/// C-STORE can stream the rest of the file. Writing produces the header for a received data set.
public struct Part10Header: Sendable, Equatable {
    public var mediaStorageSOPClassUID: String
    public var mediaStorageSOPInstanceUID: String
    public var transferSyntaxUID: String
    public var implementationClassUID: String
    public var implementationVersionName: String?
    public var sourceApplicationEntityTitle: String?
    /// Byte offset of the data set in the file (after the meta group).
    public var dataSetOffset: UInt64

    public init(
        mediaStorageSOPClassUID: String, mediaStorageSOPInstanceUID: String, transferSyntaxUID: String,
        implementationClassUID: String, implementationVersionName: String? = nil,
        sourceApplicationEntityTitle: String? = nil, dataSetOffset: UInt64 = 0
    ) {
        self.mediaStorageSOPClassUID = mediaStorageSOPClassUID
        self.mediaStorageSOPInstanceUID = mediaStorageSOPInstanceUID
        self.transferSyntaxUID = transferSyntaxUID
        self.implementationClassUID = implementationClassUID
        self.implementationVersionName = implementationVersionName
        self.sourceApplicationEntityTitle = sourceApplicationEntityTitle
        self.dataSetOffset = dataSetOffset
    }

    /// Reads the header of the file at `path`.
    public static func read(path: String) throws -> Part10Header {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw DICOMNetworkError(.io, "cannot open \(path)")
        }
        defer { try? handle.close() }
        // The meta group is small; 64 KiB covers any sane one and bounds what a bad file costs us.
        let head = ByteBuffer(bytes: (try? handle.read(upToCount: 65_536)) ?? Data())
        if head.readableBytes >= 132, head.getString(at: 128, length: 4) == "DICM" {
            var header = try parse(head, path: path)
            // The C-STORE command must name the data set's own UIDs; files whose meta group
            // disagrees with (0008,0016)/(0008,0018), or lacks (0002,0002)/(0002,0003), exist, and peers
            // check (dcmtk answers A900). dcmtk's storescu sends such a file with its data set's UIDs too.
            if let dataSet = try? DICOMReader(options: .init(stopAfter: .sopInstanceUID)).read(head).dataSet {
                if let uid = dataSet.string(.sopClassUID), !uid.isEmpty { header.mediaStorageSOPClassUID = uid }
                if let uid = dataSet.string(.sopInstanceUID), !uid.isEmpty { header.mediaStorageSOPInstanceUID = uid }
            }
            guard !header.mediaStorageSOPClassUID.isEmpty, !header.mediaStorageSOPInstanceUID.isEmpty else {
                throw DICOMNetworkError(
                    .notPart10,
                    "\(path): no SOP Class/Instance UID, neither in the meta information (0002,0002)/(0002,0003) "
                        + "nor in the data set (0008,0016)/(0008,0018)")
            }
            return header
        }
        return try parseBareDataSet(head, path: path)
    }

    /// Old files without preamble and meta group: a bare data set (PS3.10 §7.1 does not apply, PS3.5 §10.1's
    /// default transfer syntax usually does). Real archives still hold such files, and dcmtk's storescu sends
    /// them, so the encoding is told from the first element as dcmtk does (group 0008 read little or big
    /// endian, a VR after the tag or not) and the UIDs are taken from the leading group 0008 elements.
    static func parseBareDataSet(_ head: ByteBuffer, path: String) throws -> Part10Header {
        // Only a head that starts in group 0008 is taken for a bare data set; anything else is not DICOM.
        let start = head.readerIndex
        let explicitVR =
            head.getInteger(at: start + 4, as: UInt8.self).map { (0x41...0x5A).contains($0) } == true
            && head.getInteger(at: start + 5, as: UInt8.self).map { (0x41...0x5A).contains($0) } == true
        let transferSyntax: TransferSyntax?
        if head.getInteger(at: start, endianness: .little, as: UInt16.self) == 0x0008 {
            transferSyntax = explicitVR ? .explicitVRLittleEndian : .implicitVRLittleEndian
        } else if head.getInteger(at: start, endianness: .big, as: UInt16.self) == 0x0008, explicitVR {
            transferSyntax = .explicitVRBigEndian
        } else {
            transferSyntax = nil
        }
        let dataSet = transferSyntax.flatMap {
            try? DICOMReader(options: .init(stopAfter: .sopInstanceUID)).readDataSet(head, transferSyntax: $0)
        }
        guard let transferSyntax, let sopClass = dataSet?.string(.sopClassUID), !sopClass.isEmpty,
            let sopInstance = dataSet?.string(.sopInstanceUID), !sopInstance.isEmpty
        else {
            throw DICOMNetworkError(
                .notPart10,
                "\(path) has no DICM prefix (PS3.10 §7.1) and is not a bare data set with SOP Class/Instance UIDs")
        }
        return Part10Header(
            mediaStorageSOPClassUID: sopClass, mediaStorageSOPInstanceUID: sopInstance,
            transferSyntaxUID: transferSyntax.uid, implementationClassUID: "", dataSetOffset: 0)
    }

    static func parse(_ head: ByteBuffer, path: String) throws -> Part10Header {
        let meta: DataSet
        let offset: Int
        do {
            (meta, offset) = try DICOMReader().readFileMetaInformation(head)
        } catch let error as DICOMError {
            throw DICOMNetworkError(.notPart10, "\(path): file meta information unreadable: \(error)")
        }
        // A present but empty value stays "" (the data set's own UIDs may replace it), as the peer sees it.
        func text(_ tag: Tag) -> String? { meta.contains(tag) ? meta.string(tag) ?? "" : nil }
        guard let ts = text(.transferSyntaxUID), !ts.isEmpty else {
            throw DICOMNetworkError(.notPart10, "\(path): no Transfer Syntax UID (0002,0010)")
        }
        // Absent Media Storage UIDs stay "" here; `read` takes the data set's own, as storescu does.
        return Part10Header(
            mediaStorageSOPClassUID: text(.mediaStorageSOPClassUID) ?? "",
            mediaStorageSOPInstanceUID: text(.mediaStorageSOPInstanceUID) ?? "", transferSyntaxUID: ts,
            implementationClassUID: text(.implementationClassUID) ?? "",
            implementationVersionName: text(.implementationVersionName),
            sourceApplicationEntityTitle: text(.sourceApplicationEntityTitle), dataSetOffset: UInt64(offset))
    }

    /// The preamble, prefix and File Meta Information group (Explicit VR Little Endian), PS3.10 §7.1;
    /// the received data set is streamed after these bytes.
    public func encoded() throws -> ByteBuffer {
        func element(_ tag: Tag, _ vr: VR, _ text: String) -> DataElement {
            DataElement(tag: tag, vr: vr, bytes: ByteBuffer(string: text))
        }
        var meta = DataSet([
            DataElement(tag: .fileMetaInformationVersion, vr: .OB, bytes: ByteBuffer(bytes: [0x00, 0x01])),
            element(.mediaStorageSOPClassUID, .UI, mediaStorageSOPClassUID),
            element(.mediaStorageSOPInstanceUID, .UI, mediaStorageSOPInstanceUID),
            element(.transferSyntaxUID, .UI, transferSyntaxUID),
            element(.implementationClassUID, .UI, implementationClassUID),
        ])
        if let implementationVersionName {
            meta.insert(element(.implementationVersionName, .SH, implementationVersionName))
        }
        if let sourceApplicationEntityTitle {
            meta.insert(element(.sourceApplicationEntityTitle, .AE, sourceApplicationEntityTitle))
        }
        do {
            return try DICOMWriter().encodeFileMetaInformation(meta)
        } catch let error as DICOMError {
            throw DICOMNetworkError(.invalidDataSet, "file meta information cannot be encoded: \(error)")
        }
    }
}
