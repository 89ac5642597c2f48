import ArgumentParser
import DICOM
import Foundation

/// `lightbox dicom render FILE --frame N --out x.png [--window C,W]`: decodes one frame and writes it as an 8-bit
/// PNG or JPEG after the Modality LUT, the VOI window (the header's first preset, or `--window`) and MONOCHROME1
/// inversion (PS3.3 §C.11). Exit status 0 when written, 1 with the error when the file or frame is refused.
struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Render one frame of a DICOM image to PNG or JPEG.")

    @Argument(help: "The DICOM file.")
    var file: String

    @Option(name: .long, help: "Frame number, from 1 as in DICOM (Referenced Frame Number).")
    var frame = 1

    @Option(name: .long, help: "Output file; .png, or .jpg/.jpeg for JPEG.")
    var out: String

    @Option(name: .long, help: "VOI window as CENTER,WIDTH (e.g. --window=40,400); default: the header's first preset.")
    var window: String?

    @Option(name: .long, help: "Scale down to fit a square of this many pixels (aspect kept).")
    var thumbnail: Int?

    @Option(name: .long, help: "JPEG quality, 1–100.")
    var quality = 90

    func validate() throws {
        guard frame >= 1 else { throw ValidationError("--frame counts from 1") }
        if let window, Self.parseWindow(window) == nil {
            throw ValidationError("--window must be CENTER,WIDTH with a positive width, e.g. --window=40,400")
        }
        let suffix = URL(fileURLWithPath: out).pathExtension.lowercased()
        guard ["png", "jpg", "jpeg"].contains(suffix) else {
            throw ValidationError("--out must end in .png, .jpg or .jpeg")
        }
        if let thumbnail, thumbnail < 1 { throw ValidationError("--thumbnail must be 1 or more") }
        guard (1...100).contains(quality) else { throw ValidationError("--quality must be from 1 to 100") }
    }

    static func parseWindow(_ text: String) -> VOIWindow? {
        let parts = text.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 2, let center = parts[0], let width = parts[1], center.isFinite, width.isFinite, width >= 1
        else { return nil }
        return VOIWindow(center: center, width: width)
    }

    func run() throws {
        do {
            let dicom = try DICOMReader().read(contentsOf: file)
            let voi: FrameRenderer.VOISelection = window.flatMap(Self.parseWindow).map { .window($0) } ?? .preset(0)
            var image = try dicom.renderFrame(frame - 1, voi: voi)
            if let thumbnail { image = try image.thumbnail(maximumSize: thumbnail) }
            let suffix = URL(fileURLWithPath: out).pathExtension.lowercased()
            let bytes =
                suffix == "png" ? try PNGEncoder().encode(image) : try JPEGEncoder(quality: quality).encode(image)
            do {
                try Data(bytes).write(to: URL(fileURLWithPath: out))
            } catch {
                // Name the output, not the DICOM file, when only the writing failed.
                FileHandle.standardError.write(Data("\(out): cannot write: \(error.localizedDescription)\n".utf8))
                throw ExitCode(1)
            }
        } catch let exit as ExitCode {
            throw exit
        } catch {
            FileHandle.standardError.write(Data("\(file): \(error)\n".utf8))
            throw ExitCode(1)
        }
    }
}
