/// Turns a decoded frame into an 8-bit image: for greyscale the Modality LUT (rescale slope/intercept or the
/// Modality LUT Sequence), then the VOI transformation (a window with its VOI LUT Function, or the VOI LUT
/// Sequence, or a window spanning the frame's minimum and maximum when the header gives none), then MONOCHROME1
/// inversion; for colour, YBR_FULL→RGB and palette lookup, scaled to 8 bits. PS3.3 §C.11.1, §C.11.2, §C.7.6.3.1.
public struct FrameRenderer: Sendable {
    /// How values of interest are chosen.
    public enum VOISelection: Sendable, Equatable {
        /// The caller's window.
        case window(VOIWindow)
        /// The header's VOI LUT Sequence item or window preset at this index (VOI LUT first, as the standard
        /// lets a LUT stand for the window); the frame's min/max when the header has neither.
        case preset(Int)
        /// A linear window over the frame's minimum and maximum modality values.
        case minMax
    }

    /// Rescale Slope (0028,1053), 1 when absent.
    public var rescaleSlope: Double
    /// Rescale Intercept (0028,1052), 0 when absent.
    public var rescaleIntercept: Double
    /// The Modality LUT Sequence's table, which replaces rescaling. PS3.3 §C.11.1.
    public var modalityLUT: LookupTable?
    /// The VOI LUT Sequence's tables. PS3.3 §C.11.2.
    public var voiLUTs: [LookupTable]
    /// The window presets of the header.
    public var windows: [VOIWindow]
    /// Palette Color lookup tables, for PALETTE COLOR.
    public var palette: (red: LookupTable, green: LookupTable, blue: LookupTable)?

    /// Reads the Modality LUT, VOI LUT and palette attributes of an image for frame `frameIndex` (from 0): in an
    /// enhanced multi-frame image the Pixel Value Transformation (0028,9145) and Frame VOI LUT (0028,9132)
    /// functional groups of that frame, or the shared ones, take the place of the top-level attributes.
    /// PS3.3 §C.11, §C.7.6.16.
    public init(dataSet: DataSet, frameIndex: Int) throws {
        var merged = dataSet
        let perFrame = dataSet.sequence(Tag(0x5200, 0x9230))
        let groups = [
            dataSet.sequence(Tag(0x5200, 0x9229))?.first,
            frameIndex >= 0 && frameIndex < (perFrame?.count ?? 0) ? perFrame?[frameIndex] : nil,
        ]
        for group in groups.compactMap({ $0 }) {
            for macro in [Tag(0x0028, 0x9145), Tag(0x0028, 0x9132)] {
                guard let item = group.sequence(macro)?.first else { continue }
                for element in item where element.tag.group == 0x0028 { merged[element.tag] = element }
            }
        }
        try self.init(dataSet: merged)
    }

    /// Reads the Modality LUT, VOI LUT and palette attributes of an image. PS3.3 §C.11.
    public init(dataSet: DataSet) throws {
        let signed = dataSet.int(.pixelRepresentation) == 1
        rescaleSlope = dataSet.double(.rescaleSlope) ?? 1
        rescaleIntercept = dataSet.double(.rescaleIntercept) ?? 0
        if !rescaleSlope.isFinite || rescaleSlope == 0 { rescaleSlope = 1 }
        if !rescaleIntercept.isFinite { rescaleIntercept = 0 }
        modalityLUT = try dataSet.sequence(.modalityLUTSequence)?.first.flatMap { item in
            guard let descriptor = item[.lutDescriptor], let data = item[.lutData] else { return nil }
            return try LookupTable(descriptor: descriptor, data: data, firstValueIsSigned: signed)
        }
        voiLUTs = try (dataSet.sequence(.voiLUTSequence) ?? []).compactMap { item in
            guard let descriptor = item[.lutDescriptor], let data = item[.lutData] else { return nil }
            return try LookupTable(
                descriptor: descriptor, data: data, firstValueIsSigned: descriptor.vr == .SS || signed)
        }
        windows = VOIWindow.presets(in: dataSet)
        palette = nil
        if PhotometricInterpretation(dataSet.string(.photometricInterpretation) ?? "") == .paletteColor {
            palette = try ImagePixelModule(dataSet: dataSet).palette
        }
    }

    /// The modality value of a stored value. PS3.3 §C.11.1.
    @inline(__always)
    public func modalityValue(_ stored: Int64) -> Double {
        if let modalityLUT { return Double(modalityLUT.lookup(Int(clamping: stored))) }
        return Double(stored) * rescaleSlope + rescaleIntercept
    }

    /// Renders one frame.
    public func render(_ frame: PixelFrame, voi: VOISelection = .preset(0)) throws -> RenderedImage {
        let pixels = frame.rows * frame.columns
        var output: [UInt8]
        var samples = 1
        switch frame.photometricInterpretation {
        case .monochrome1, .monochrome2:
            let values = (0..<pixels).map { modalityValue(frame.value(pixel: $0)) }
            output = try voiMap(values, voi: voi)
            if frame.photometricInterpretation == .monochrome1 {
                for index in output.indices { output[index] = 255 - output[index] }
            }
        case .paletteColor:
            guard let palette else { throw DICOMError(.invalidPixelData, "PALETTE COLOR without lookup tables") }
            samples = 3
            output = [UInt8](repeating: 0, count: pixels * 3)
            for pixel in 0..<pixels {
                let index = Int(clamping: frame.value(pixel: pixel))
                for (channel, table) in [palette.red, palette.green, palette.blue].enumerated() {
                    output[pixel * 3 + channel] = Self.scale(
                        Double(table.lookup(index)), maximum: Double(table.maximumEntry))
                }
            }
        case .rgb, .ybrICT, .ybrRCT, .ybrFull:
            guard frame.samplesPerPixel >= 3 else {
                throw DICOMError(
                    .invalidPixelData, "\(frame.photometricInterpretation) with \(frame.samplesPerPixel) samples")
            }
            samples = 3
            output = [UInt8](repeating: 0, count: pixels * 3)
            let maximum = Double((1 << UInt64(min(frame.bitsStored, 62))) - 1)
            let half = Double(1 << UInt64(min(frame.bitsStored, 62) - 1))
            let isYBR = frame.photometricInterpretation == .ybrFull
            for pixel in 0..<pixels {
                var r = Double(frame.value(pixel: pixel, channel: 0))
                var g = Double(frame.value(pixel: pixel, channel: 1))
                var b = Double(frame.value(pixel: pixel, channel: 2))
                if isYBR {
                    // PS3.3 §C.7.6.3.1.2, ITU-R BT.601 full range.
                    let y = r, cb = g - half, cr = b - half
                    r = y + 1.402 * cr
                    g = y - 0.344136 * cb - 0.714136 * cr
                    b = y + 1.772 * cb
                }
                output[pixel * 3] = Self.scale(r, maximum: maximum)
                output[pixel * 3 + 1] = Self.scale(g, maximum: maximum)
                output[pixel * 3 + 2] = Self.scale(b, maximum: maximum)
            }
        default:
            throw DICOMError(.invalidPixelData, "rendering \(frame.photometricInterpretation) is not supported")
        }
        return try RenderedImage(width: frame.columns, height: frame.rows, samplesPerPixel: samples, pixels: output)
    }

    private func voiMap(_ values: [Double], voi: VOISelection) throws -> [UInt8] {
        var window: VOIWindow?
        switch voi {
        case .window(let chosen):
            window = chosen
        case .preset(let index):
            if index < voiLUTs.count {
                let table = voiLUTs[index]
                let maximum = Double(table.maximumEntry)
                return values.map {
                    Self.scale(Double(table.lookup(Self.integer($0))), maximum: maximum)
                }
            }
            if index < windows.count { window = windows[index] }
        case .minMax:
            break
        }
        if let window {
            return values.map { Self.byte(window.apply($0)) }
        }
        guard let low = values.min(), let high = values.max(), high > low else {
            return [UInt8](repeating: 0, count: values.count)
        }
        return values.map { Self.byte(($0 - low) / (high - low) * 255) }
    }

    @inline(__always)
    static func scale(_ value: Double, maximum: Double) -> UInt8 {
        guard maximum > 0 else { return 0 }
        return byte(value / maximum * 255)
    }

    /// The integer part of a modality value, clamped so that no conversion can trap.
    @inline(__always)
    static func integer(_ value: Double) -> Int {
        guard !value.isNaN else { return 0 }
        return Int(max(-1e15, min(1e15, value)).rounded(.down))
    }

    /// Rounds into 0...255; NaN (from a caller's degenerate window) gives 0.
    @inline(__always)
    static func byte(_ value: Double) -> UInt8 {
        guard !value.isNaN else { return 0 }
        return UInt8(max(0, min(255, value.rounded())))
    }
}
