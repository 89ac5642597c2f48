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
            // disagrees with (0008,0016)/(0008,0018) exist, and peers check (dcmtk answers A900).
            if let dataSet = try? DICOMReader(options: .init(stopAfter: .sopInstanceUID)).read(head).dataSet {
                if let uid = dataSet.string(.sopClassUID), !uid.isEmpty { header.mediaStorageSOPClassUID = uid }
                if let uid = dataSet.string(.sopInstanceUID), !uid.isEmpty { header.mediaStorageSOPInstanceUID = uid }
            }
            return header
        }
        return try parseRawImplicitLittleEndian(head, path: path)
    }

    /// Old files without preamble and meta group: a bare data set in the default transfer syntax
    /// (PS3.5 §10.1). Real archives still hold such files, so the UIDs are taken from the
    /// leading group 0008 elements.
    static func parseRawImplicitLittleEndian(_ head: ByteBuffer, path: String) throws -> Part10Header {
        // Only a head that starts in group 0008 is taken for a bare data set; anything else is not DICOM.
        let dataSet =
            head.getInteger(at: head.readerIndex, endianness: .little, as: UInt16.self) == 0x0008
            ? try? DICOMReader(options: .init(stopAfter: .sopInstanceUID)).readDataSet(
                head, transferSyntax: .implicitVRLittleEndian) : nil
        guard let sopClass = dataSet?.string(.sopClassUID), let sopInstance = dataSet?.string(.sopInstanceUID)
        else {
            throw DICOMNetworkError(
                .notPart10,
                "\(path) has no DICM prefix (PS3.10 §7.1) and is not a bare data set with SOP Class/Instance UIDs")
        }
        return Part10Header(
            mediaStorageSOPClassUID: sopClass, mediaStorageSOPInstanceUID: sopInstance,
            transferSyntaxUID: TransferSyntaxUID.implicitVRLittleEndian, implementationClassUID: "", dataSetOffset: 0)
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
        guard let sopClass = text(.mediaStorageSOPClassUID), let sopInstance = text(.mediaStorageSOPInstanceUID)
        else {
            throw DICOMNetworkError(.notPart10, "\(path): no Media Storage SOP Class/Instance UID")
        }
        return Part10Header(
            mediaStorageSOPClassUID: sopClass, mediaStorageSOPInstanceUID: sopInstance, transferSyntaxUID: ts,
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
