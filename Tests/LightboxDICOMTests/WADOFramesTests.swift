import Foundation
import LightboxTestSupport
import Testing

/// WADO-RS frames of compressed instances (PS3.18 §8.7.3.3.2): asked as `application/octet-stream`, a
/// frame of a JPEG baseline, JPEG-LS or JPEG 2000 instance comes back decoded, equal to pydicom's
/// decode: exactly for the lossless syntaxes; for the lossy ones within the tolerance given per file,
/// since two decoders may round the inverse transform, and for colour JPEG the YCbCr to RGB
/// conversion (libjpeg-turbo's against pydicom's), differently by a level or two. Asked with
/// `transfer-syntax=*`, the frame comes in its stored, compressed form.
@Suite("WADO-RS frames of compressed instances, decoded", .serialized)
struct WADOFramesTests {
    /// Corpus files, the storescu flag proposing their transfer syntax, and the largest difference
    /// allowed from pydicom's decode.
    static let files: [(path: String, propose: String, tolerance: Int)] = [
        ("dicom/pydicom/test_files/MR_small_jp2klossless.dcm", "-xv", 0),
        ("dicom/pydicom/test_files/MR_small_jpeg_ls_lossless.dcm", "-xt", 0),
        ("dicom/pydicom-data/emri_small_jpeg_ls_lossless.dcm", "-xt", 0),
        ("dicom/pydicom/test_files/JPEG2000.dcm", "-xw", 1),
        ("dicom/pydicom/test_files/SC_rgb_dcmtk_+eb+cy+n1.dcm", "-xy", 2),
    ]

    static let script = """
        import sys, urllib.request, numpy
        import pydicom
        url, token = sys.argv[1], sys.argv[2]
        for path in sys.argv[3:]:
            ds = pydicom.dcmread(path)
            base = "%s/studies/%s/series/%s/instances/%s/frames/" % (url, ds.StudyInstanceUID, ds.SeriesInstanceUID, ds.SOPInstanceUID)
            frames = int(getattr(ds, "NumberOfFrames", 1) or 1)
            numbers = [1, frames] if frames > 1 else [1]
            request = urllib.request.Request(base + ",".join(str(n) for n in numbers), headers={
                "Authorization": "Bearer " + token,
                "Accept": 'multipart/related; type="application/octet-stream"'})
            with urllib.request.urlopen(request) as response:
                status, content_type, body = response.status, response.headers["Content-Type"], response.read()
            boundary = [p.split("=", 1)[1].strip('"') for p in content_type.split(";") if p.strip().startswith("boundary=")][0].encode()
            parts = [part.split(b"\\r\\n\\r\\n", 1) for part in body.split(b"--" + boundary)[1:-1]]
            types = set(head.decode().split("Content-Type:")[1].split(";")[0].strip() for head, _ in parts)
            expected = ds.pixel_array
            if frames == 1:
                expected = expected[numpy.newaxis, ...]
            worst = 0
            for (head, data), number in zip(parts, numbers):
                data = data[:-2]
                want = expected[number - 1]
                got = numpy.frombuffer(data, dtype=want.dtype.newbyteorder("<")).reshape(want.shape) if len(data) == want.nbytes else None
                if got is None:
                    worst = -1
                    print("SIZE %s got %d want %d" % (path, len(data), want.nbytes))
                    break
                worst = max(worst, int(numpy.abs(got.astype(numpy.int64) - want.astype(numpy.int64)).max()))
            print("FRAME %s status=%d parts=%d types=%s maxdiff=%d" % (path.rsplit("/", 1)[1], status, len(parts), ",".join(sorted(types)), worst))
            # The stored, compressed form on request.
            request = urllib.request.Request(base + "1", headers={
                "Authorization": "Bearer " + token, "Accept": 'multipart/related; type="application/octet-stream"; transfer-syntax=*'})
            with urllib.request.urlopen(request) as response:
                print("STORED %s %s" % (path.rsplit("/", 1)[1], response.headers["Content-Type"].split(";")[1].strip()))
        """

    @Test(
        "A frame of a JPEG baseline, JPEG-LS or JPEG 2000 instance asked uncompressed is decoded, as pydicom decodes it"
    )
    func decodedFrames() async throws {
        let server = try await ArchiveServer(peers: ["STORESCU": "store"])
        defer { Task { await server.stop() } }
        let root = try TestCorpus.root()
        let paths = Self.files.map { root.appendingPathComponent($0.path).path }
        for (file, path) in zip(Self.files, paths) {
            let stored = try DCMTK.store(
                port: server.dicomPort, callingAETitle: "STORESCU", files: [path], extra: [file.propose])
            #expect(stored.status == 0, "storescu \(file.path): \(stored.standardError.suffix(1000))")
        }
        let token = try DICOMwebTests.token(server)
        let result = try ExternalProgram(path: "/usr/bin/env").run(
            ["python3", "-c", Self.script, "http://127.0.0.1:\(server.httpPort)/dicom-web", token] + paths,
            timeout: 120)
        #expect(result.status == 0, "python: \(result.standardError.suffix(2000))")
        let lines = result.standardOutput.split(separator: "\n").map(String.init)
        for file in Self.files {
            let name = String(file.path.split(separator: "/").last ?? "")
            let frame = try #require(lines.first { $0.hasPrefix("FRAME \(name) ") }, "\(name): \(lines)")
            #expect(frame.contains("status=200") && frame.contains("types=application/octet-stream"), "\(frame)")
            let difference = Int(frame.split(separator: "=").last ?? "") ?? -1
            #expect((0...file.tolerance).contains(difference), "\(frame)")
            let stored = try #require(lines.first { $0.hasPrefix("STORED \(name) ") }, "\(name): \(lines)")
            #expect(stored.hasSuffix("type=\"image/jp2\"") || stored.contains("image/j"), "\(stored)")
        }
    }
}
