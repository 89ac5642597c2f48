// Lightbox's image viewer (DESIGN.md "Pages"): plain JavaScript on a canvas, no build step, no plugin.
// Each series' metadata comes from WADO-RS (PS3.18 §10.4.1.2) and its frames uncompressed from WADO-RS
// (application/octet-stream, §8.7.3.3.2); window and level are applied here through a lookup table, so
// dragging never waits for the server. Measurements use Pixel Spacing (0028,0030), else Imager Pixel
// Spacing (0018,1164) with a label saying so. Pointer events serve mouse, pen and touch alike.
"use strict";

(function () {
  var root = document.getElementById("viewer");
  if (!root) {
    return;
  }
  var base = root.getAttribute("data-dicomweb");
  var canvas = document.getElementById("viewer-canvas");
  var stage = document.getElementById("viewer-stage");
  var context = canvas.getContext("2d");
  var slider = document.getElementById("viewer-slice");
  var positionText = document.getElementById("viewer-position");
  var statusText = document.getElementById("viewer-status");
  var spacingText = document.getElementById("viewer-spacing");
  var presetSelect = document.getElementById("viewer-preset");
  var textInput = document.getElementById("viewer-text");
  var measurementsList = document.getElementById("viewer-measurements");
  // The frame drawn at image resolution, then scaled onto the visible canvas.
  var imageCanvas = document.createElement("canvas");
  var imageContext = imageCanvas.getContext("2d");
  var imageData = null;

  // Window presets in Hounsfield units (centre, width), as CT reading rooms use them.
  var PRESETS = {
    "soft-tissue": [40, 400],
    lung: [-600, 1500],
    bone: [400, 1800],
    brain: [40, 80]
  };
  var PREFETCH_CONNECTIONS = 4;

  var viewer = {
    series: null,
    index: 0,
    center: 0,
    width: 1,
    zoom: 1,
    panX: 0,
    panY: 0,
    tool: "window",
    annotations: {},
    drawing: null,
    firstImageMs: null,
    renders: 0,
    busyUntil: 0,
    generation: 0,
    lut: null,
    lutKey: ""
  };
  window.lightboxViewer = viewer;

  // MARK: DICOM JSON

  function value(item, tag, index) {
    var element = item[tag];
    if (!element || !element.Value || element.Value.length <= (index || 0)) {
      return null;
    }
    return element.Value[index || 0];
  }

  function number(item, tag, index, fallback) {
    var found = value(item, tag, index);
    var parsed = found === null ? NaN : Number(found);
    return isFinite(parsed) ? parsed : fallback;
  }

  function describe(item) {
    var spacing = null;
    var spacingSource = null;
    if (value(item, "00280030", 1) !== null) {
      spacing = [number(item, "00280030", 0, 0), number(item, "00280030", 1, 0)];
      spacingSource = "pixel";
    } else if (value(item, "00181164", 1) !== null) {
      spacing = [number(item, "00181164", 0, 0), number(item, "00181164", 1, 0)];
      spacingSource = "imager";
    }
    if (spacing && !(spacing[0] > 0 && spacing[1] > 0)) {
      spacing = null;
      spacingSource = null;
    }
    return {
      uid: value(item, "00080018"),
      number: number(item, "00200013", 0, 0),
      rows: number(item, "00280010", 0, 0),
      columns: number(item, "00280011", 0, 0),
      samples: number(item, "00280002", 0, 1),
      bitsAllocated: number(item, "00280100", 0, 16),
      bitsStored: number(item, "00280101", 0, number(item, "00280100", 0, 16)),
      signed: number(item, "00280103", 0, 0) === 1,
      planar: number(item, "00280006", 0, 0) === 1,
      photometric: String(value(item, "00280004") || "MONOCHROME2").trim(),
      slope: number(item, "00281053", 0, 1),
      intercept: number(item, "00281052", 0, 0),
      center: number(item, "00281050", 0, null),
      width: number(item, "00281051", 0, null),
      frames: number(item, "00280008", 0, 1),
      spacing: spacing,
      spacingSource: spacingSource,
      pixels: null,
      loading: false
    };
  }

  // MARK: WADO-RS

  function fetchJSON(url) {
    return fetch(url, { credentials: "same-origin", headers: { Accept: "application/dicom+json" } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("the archive answered " + response.status);
        }
        return response.json();
      });
  }

  // Where `pattern` occurs in `bytes` at or after `from`: the first occurrence, or with `fromEnd` the last,
  // searched from the end (a frame's closing delimiter is in its last bytes, so the half megabyte of
  // pixels before it is never scanned).
  function findBytes(bytes, pattern, from, fromEnd) {
    var last = bytes.length - pattern.length;
    var step = fromEnd ? -1 : 1;
    for (var i = fromEnd ? last : from; fromEnd ? i >= from : i <= last; i += step) {
      var j = 0;
      while (j < pattern.length && bytes[i + j] === pattern[j]) {
        j++;
      }
      if (j === pattern.length) {
        return i;
      }
    }
    return -1;
  }

  function ascii(text) {
    var out = new Uint8Array(text.length);
    for (var i = 0; i < text.length; i++) {
      out[i] = text.charCodeAt(i);
    }
    return out;
  }

  // The only part of a one-frame multipart/related body (PS3.18 §8.7.3.3.2), as its own ArrayBuffer: it
  // ends at the body's last delimiter (the close delimiter; a transport padding may follow it).
  function onlyPart(buffer, contentType) {
    var match = /boundary="?([^";]+)"?/i.exec(contentType || "");
    if (!match) {
      throw new Error("the frame answer is not multipart");
    }
    var bytes = new Uint8Array(buffer);
    var delimiter = ascii("--" + match[1]);
    var start = findBytes(bytes, delimiter, 0, false);
    var headersEnd = findBytes(bytes, ascii("\r\n\r\n"), start, false);
    var end = findBytes(bytes, ascii("\r\n--" + match[1]), headersEnd + 4, true);
    if (start < 0 || headersEnd < 0 || end < 0) {
      throw new Error("the frame answer is cut short");
    }
    return buffer.slice(headersEnd + 4, end);
  }

  // An instance's first frame, uncompressed, as the bytes of its samples.
  function fetchFrame(study, seriesUID, instanceUID) {
    var url = base + "/studies/" + study + "/series/" + seriesUID + "/instances/" + instanceUID + "/frames/1";
    return fetch(url, {
      credentials: "same-origin",
      headers: { Accept: "multipart/related; type=\"application/octet-stream\"; transfer-syntax=1.2.840.10008.1.2.1" }
    }).then(function (response) {
      if (!response.ok) {
        throw new Error("the archive answered " + response.status);
      }
      var type = response.headers.get("Content-Type");
      return response.arrayBuffer().then(function (buffer) {
        return onlyPart(buffer, type);
      });
    });
  }

  // `pending` is the frame's request when it was sent before the instance was described (see openSeries).
  function loadPixels(series, instance, pending) {
    if (instance.pixels || instance.loading) {
      return instance.promise;
    }
    instance.loading = true;
    instance.promise = (pending || fetchFrame(series.study, series.uid, instance.uid)).then(function (bytes) {
      instance.pixels = typedPixels(instance, bytes);
      instance.loading = false;
      // The series shown may have been replaced meanwhile by the same series in full (see openSeries).
      var active = viewer.series;
      if (active && active.instances.indexOf(instance) >= 0) {
        active.loaded += 1;
        updatePosition();
        if (active.instances[viewer.index] === instance) {
          scheduleRender();
        }
      }
      return instance;
    }, function (error) {
      instance.loading = false;
      instance.error = error.message;
      var active = viewer.series;
      if (active && active.instances[viewer.index] === instance) {
        say("Image " + instance.number + " cannot be shown: " + error.message);
      }
    });
    return instance.promise;
  }

  // Samples as stored: an unsigned view of 8, 16 or 32 bits; the lookup table handles sign and masking.
  function typedPixels(instance, bytes) {
    if (instance.bitsAllocated === 16) {
      return new Uint16Array(bytes, 0, Math.floor(bytes.byteLength / 2));
    }
    if (instance.bitsAllocated === 32) {
      return new Uint32Array(bytes, 0, Math.floor(bytes.byteLength / 4));
    }
    return new Uint8Array(bytes);
  }

  // Loads the current image first, then the rest outwards from it, a few at a time, so the first image
  // shows as soon as its own frame has arrived.
  function prefetch(series) {
    var order = [];
    var count = series.instances.length;
    for (var step = 0; step < count; step++) {
      var ahead = viewer.index + step;
      var behind = viewer.index - step;
      if (ahead < count) {
        order.push(ahead);
      }
      if (step > 0 && behind >= 0) {
        order.push(behind);
      }
    }
    var next = 0;
    var inFlight = 0;
    function settled() {
      inFlight--;
      return worker();
    }
    function worker() {
      if (viewer.series !== series) {
        return null;
      }
      // While window and level are being dragged, one request at a time: the redraws come first.
      var busy = viewer.busyUntil - performance.now();
      if (busy > 0 && inFlight >= 1) {
        return new Promise(function (resolve) { window.setTimeout(resolve, busy); }).then(worker);
      }
      while (next < order.length && (series.instances[order[next]].pixels || series.instances[order[next]].loading)) {
        next++;
      }
      if (next >= order.length) {
        return null;
      }
      var instance = series.instances[order[next++]];
      inFlight++;
      return loadPixels(series, instance).then(settled, settled);
    }
    for (var i = 0; i < PREFETCH_CONNECTIONS; i++) {
      worker();
    }
  }

  // Opens a series. Its first image's metadata and frame are requested together, and the whole series'
  // metadata (every instance's file read by the server) only once that image is in, so the first image
  // never waits for it nor competes with it for the server.
  function openSeries(study, uid, firstUID) {
    var generation = ++viewer.generation;
    viewer.series = null;
    say("Loading the series…");
    var firstShown = Promise.resolve();
    if (firstUID) {
      var frame = fetchFrame(study, uid, firstUID);
      frame.catch(function () {
        // Reported by loadPixels when the image is shown; else the series' own request tries again.
      });
      firstShown = fetchJSON(base + "/studies/" + study + "/series/" + uid + "/instances/" + firstUID + "/metadata")
        .then(function (items) {
          if (generation !== viewer.generation || viewer.series || !items.length) {
            return null;
          }
          var early = describe(items[0]);
          viewer.series = { study: study, uid: uid, instances: [early], loaded: 0, partial: true };
          viewer.index = 0;
          resetWindow();
          describeSpacing();
          return loadPixels(viewer.series, early, early.uid === firstUID ? frame : null);
        })
        .catch(function () {
          // The whole series' metadata still comes; the first image then waits for it.
        });
    }
    document.querySelectorAll(".viewer__series").forEach(function (button) {
      var selected = button.getAttribute("data-series") === uid;
      button.classList.toggle("viewer__series--selected", selected);
      button.setAttribute("aria-pressed", selected ? "true" : "false");
    });
    setField("export-study", study);
    setField("export-series", uid);
    setField("export-instance", "");
    return firstShown.then(function () {
      return generation === viewer.generation ? fetchJSON(base + "/studies/" + study + "/series/" + uid + "/metadata")
        : null;
    }).then(function (items) {
      if (generation !== viewer.generation || !items) {
        return;
      }
      var instances = items.map(describe).filter(function (instance) {
        return instance.rows > 0 && instance.columns > 0 && instance.uid;
      });
      instances.sort(function (a, b) { return a.number - b.number; });
      if (instances.length === 0) {
        say("This series has no images to show.");
        return;
      }
      var shown = viewer.series && viewer.series.partial ? viewer.series.instances[0] : null;
      var index = 0;
      var loaded = 0;
      instances = instances.map(function (instance, position) {
        if (shown && instance.uid === shown.uid) {
          index = position;
          loaded = shown.pixels ? 1 : 0;
          return shown;
        }
        return instance;
      });
      viewer.series = { study: study, uid: uid, instances: instances, loaded: loaded };
      viewer.index = index;
      slider.min = "1";
      slider.max = String(instances.length);
      slider.value = String(index + 1);
      slider.disabled = instances.length < 2;
      if (!shown) {
        viewer.zoom = 1;
        viewer.panX = 0;
        viewer.panY = 0;
        resetWindow();
      }
      describeSpacing();
      updatePosition();
      setField("export-instance", current().uid);
      if (shown && shown.pixels) {
        scheduleRender();
      }
      prefetch(viewer.series);
    }).catch(function (error) {
      say("The series cannot be opened: " + error.message);
    });
  }

  // MARK: Window and level

  function current() {
    return viewer.series ? viewer.series.instances[viewer.index] : null;
  }

  function resetWindow() {
    var instance = current();
    if (!instance) {
      return;
    }
    if (instance.center !== null && instance.width !== null && instance.width > 0) {
      viewer.center = instance.center;
      viewer.width = instance.width;
    } else if (instance.samples === 3) {
      viewer.center = 127.5;
      viewer.width = 256;
    } else {
      var bits = Math.min(instance.bitsStored, 16);
      var low = instance.signed ? -Math.pow(2, bits - 1) : 0;
      var high = instance.signed ? Math.pow(2, bits - 1) - 1 : Math.pow(2, bits) - 1;
      var a = low * instance.slope + instance.intercept;
      var b = high * instance.slope + instance.intercept;
      viewer.center = (a + b) / 2;
      viewer.width = Math.max(1, Math.abs(b - a));
    }
    if (presetSelect) {
      presetSelect.value = "stored";
    }
  }

  function setWindow(center, width) {
    viewer.center = center;
    viewer.width = Math.max(1, width);
    scheduleRender();
  }

  // One 32-bit RGBA entry per possible stored sample: sign, Bits Stored, rescale, VOI window (PS3.3
  // §C.11.2.1.2, linear) and MONOCHROME1's inversion all folded in, so a pixel costs one look-up.
  function lookupTable(instance) {
    var colour = instance.samples === 3;
    var bits = colour ? 8 : Math.min(instance.bitsAllocated, 16);
    var key = [bits, instance.bitsStored, instance.signed, instance.slope, instance.intercept, instance.photometric,
      viewer.center, viewer.width].join("|");
    if (viewer.lutKey === key) {
      return viewer.lut;
    }
    var size = 1 << bits;
    var table = colour ? new Uint8Array(size) : new Uint32Array(size);
    var stored = Math.min(instance.bitsStored, bits);
    var mask = stored >= 32 ? 0xffffffff : (Math.pow(2, stored) - 1);
    var signBit = Math.pow(2, stored - 1);
    var lower = viewer.center - 0.5 - (viewer.width - 1) / 2;
    var span = Math.max(viewer.width - 1, 1);
    var invert = instance.photometric === "MONOCHROME1";
    for (var raw = 0; raw < size; raw++) {
      var sample = raw & mask;
      if (instance.signed && !colour && sample >= signBit) {
        sample -= signBit * 2;
      }
      var modality = colour ? sample : sample * instance.slope + instance.intercept;
      var shade = (modality - lower) / span * 255;
      shade = shade < 0 ? 0 : shade > 255 ? 255 : Math.round(shade);
      if (invert) {
        shade = 255 - shade;
      }
      table[raw] = colour ? shade : (0xff000000 | (shade << 16) | (shade << 8) | shade) >>> 0;
    }
    viewer.lut = table;
    viewer.lutKey = key;
    return table;
  }

  function paintImage(instance) {
    var rows = instance.rows;
    var columns = instance.columns;
    if (imageCanvas.width !== columns || imageCanvas.height !== rows || !imageData) {
      imageCanvas.width = columns;
      imageCanvas.height = rows;
      imageData = imageContext.createImageData(columns, rows);
      paintedInstance = null;
    }
    var table = lookupTable(instance);
    if (paintedInstance === instance && paintedKey === viewer.lutKey) {
      return;
    }
    var pixels = instance.pixels;
    var count = rows * columns;
    if (instance.samples === 3) {
      var out = imageData.data;
      var ybr = instance.photometric === "YBR_FULL";
      for (var p = 0; p < count; p++) {
        var r, g, b;
        if (instance.planar) {
          r = pixels[p];
          g = pixels[p + count];
          b = pixels[p + 2 * count];
        } else {
          r = pixels[3 * p];
          g = pixels[3 * p + 1];
          b = pixels[3 * p + 2];
        }
        if (ybr) {
          // PS3.3 §C.7.6.3.1.2: YBR_FULL to RGB.
          var y = r;
          var cb = g - 128;
          var cr = b - 128;
          r = clamp(y + 1.402 * cr);
          g = clamp(y - 0.344136 * cb - 0.714136 * cr);
          b = clamp(y + 1.772 * cb);
        }
        out[4 * p] = table[r];
        out[4 * p + 1] = table[g];
        out[4 * p + 2] = table[b];
        out[4 * p + 3] = 255;
      }
    } else {
      var words = new Uint32Array(imageData.data.buffer);
      var limit = Math.min(count, pixels.length);
      for (var i = 0; i < limit; i++) {
        words[i] = table[pixels[i]];
      }
    }
    imageContext.putImageData(imageData, 0, 0);
    paintedInstance = instance;
    paintedKey = viewer.lutKey;
  }

  function clamp(value) {
    return value < 0 ? 0 : value > 255 ? 255 : Math.round(value);
  }

  // MARK: Drawing

  var pendingFrame = false;
  // The stage's size, kept by a ResizeObserver so drawing never reads layout (no forced reflow per frame).
  var stageSize = null;
  // What the image canvas holds (instance and lookup table): zoom, pan and marks redraw without repainting it.
  var paintedInstance = null;
  var paintedKey = "";
  var shownStatus = "";

  function scheduleRender() {
    if (pendingFrame) {
      return;
    }
    pendingFrame = true;
    window.requestAnimationFrame(function () {
      pendingFrame = false;
      render();
    });
  }

  function fitCanvas() {
    var ratio = window.devicePixelRatio || 1;
    if (!stageSize) {
      stageSize = { width: stage.clientWidth, height: stage.clientHeight };
    }
    var width = Math.max(1, Math.round(stageSize.width * ratio));
    var height = Math.max(1, Math.round(stageSize.height * ratio));
    if (canvas.width !== width || canvas.height !== height) {
      canvas.width = width;
      canvas.height = height;
    }
  }

  function transform(instance) {
    var fit = Math.min(canvas.width / instance.columns, canvas.height / instance.rows);
    var scale = fit * viewer.zoom;
    var ratio = window.devicePixelRatio || 1;
    return {
      scale: scale,
      x: (canvas.width - instance.columns * scale) / 2 + viewer.panX * ratio,
      y: (canvas.height - instance.rows * scale) / 2 + viewer.panY * ratio
    };
  }

  function render() {
    fitCanvas();
    context.setTransform(1, 0, 0, 1, 0, 0);
    context.fillStyle = "#000";
    context.fillRect(0, 0, canvas.width, canvas.height);
    var instance = current();
    if (!instance) {
      return;
    }
    if (!instance.pixels) {
      say("Loading image " + (viewer.index + 1) + " of " + viewer.series.instances.length + "…");
      loadPixels(viewer.series, instance);
      return;
    }
    paintImage(instance);
    var t = transform(instance);
    context.imageSmoothingEnabled = viewer.zoom < 4;
    context.setTransform(t.scale, 0, 0, t.scale, t.x, t.y);
    context.drawImage(imageCanvas, 0, 0);
    drawAnnotations(context, instance, t.scale);
    context.setTransform(1, 0, 0, 1, 0, 0);
    if (viewer.firstImageMs === null) {
      viewer.firstImageMs = performance.now();
      root.setAttribute("data-first-image-ms", String(Math.round(viewer.firstImageMs)));
    }
    viewer.renders += 1;
    if (root.getAttribute("data-rendered") !== instance.uid) {
      root.setAttribute("data-rendered", instance.uid);
    }
    say("Window centre " + Math.round(viewer.center) + ", width " + Math.round(viewer.width) +
      " · zoom " + Math.round(viewer.zoom * 100) + " %");
  }

  // MARK: Measurements and annotations (kept per image, in image pixel coordinates)

  function annotationsOf(instance) {
    if (!viewer.annotations[instance.uid]) {
      viewer.annotations[instance.uid] = [];
    }
    return viewer.annotations[instance.uid];
  }

  function millimetres(instance, a, b) {
    var dx = b.x - a.x;
    var dy = b.y - a.y;
    if (!instance.spacing) {
      return { value: Math.sqrt(dx * dx + dy * dy), unit: "px" };
    }
    // Pixel Spacing is row spacing (between rows, so vertical) then column spacing: PS3.3 §10.7.1.3.
    var vertical = dy * instance.spacing[0];
    var horizontal = dx * instance.spacing[1];
    return { value: Math.sqrt(vertical * vertical + horizontal * horizontal), unit: "mm" };
  }

  function angleDegrees(instance, a, vertex, c) {
    var rowScale = instance.spacing ? instance.spacing[0] : 1;
    var columnScale = instance.spacing ? instance.spacing[1] : 1;
    var ux = (a.x - vertex.x) * columnScale;
    var uy = (a.y - vertex.y) * rowScale;
    var vx = (c.x - vertex.x) * columnScale;
    var vy = (c.y - vertex.y) * rowScale;
    var cosine = (ux * vx + uy * vy) / (Math.sqrt(ux * ux + uy * uy) * Math.sqrt(vx * vx + vy * vy));
    return Math.acos(Math.max(-1, Math.min(1, cosine))) * 180 / Math.PI;
  }

  function label(instance, annotation) {
    if (annotation.type === "length") {
      var length = millimetres(instance, annotation.points[0], annotation.points[1]);
      return length.value.toFixed(1) + " " + length.unit + (instance.spacingSource === "imager" ? " (at detector)" : "");
    }
    if (annotation.type === "angle" && annotation.points.length === 3) {
      return angleDegrees(instance, annotation.points[0], annotation.points[1], annotation.points[2]).toFixed(1) + "°";
    }
    return annotation.text || "";
  }

  function drawAnnotations(target, instance, scale) {
    var list = annotationsOf(instance).slice();
    if (viewer.drawing && viewer.drawing.instance === instance) {
      list.push(viewer.drawing.annotation);
    }
    var line = 2 / scale;
    var font = Math.max(12, 14 * (window.devicePixelRatio || 1)) / scale;
    target.lineWidth = line;
    target.font = "bold " + font + "px Arial, sans-serif";
    target.textBaseline = "bottom";
    list.forEach(function (annotation) {
      var points = annotation.points;
      target.strokeStyle = "#ffeb3b";
      target.fillStyle = "#ffeb3b";
      target.beginPath();
      if (annotation.type === "length" || annotation.type === "arrow") {
        target.moveTo(points[0].x, points[0].y);
        target.lineTo(points[1].x, points[1].y);
        target.stroke();
        if (annotation.type === "arrow") {
          arrowHead(target, points[0], points[1], 12 / scale);
        }
      } else if (annotation.type === "angle") {
        target.moveTo(points[0].x, points[0].y);
        points.slice(1).forEach(function (point) { target.lineTo(point.x, point.y); });
        target.stroke();
      }
      var text = label(instance, annotation);
      if (text) {
        var anchor = annotation.type === "angle" ? points[1] : points[points.length - 1];
        outlinedText(target, text, anchor.x + 6 / scale, anchor.y - 6 / scale, line);
      }
    });
  }

  function arrowHead(target, tail, head, size) {
    var angle = Math.atan2(head.y - tail.y, head.x - tail.x);
    target.beginPath();
    target.moveTo(head.x, head.y);
    target.lineTo(head.x - size * Math.cos(angle - 0.45), head.y - size * Math.sin(angle - 0.45));
    target.lineTo(head.x - size * Math.cos(angle + 0.45), head.y - size * Math.sin(angle + 0.45));
    target.closePath();
    target.fill();
  }

  function outlinedText(target, text, x, y, line) {
    target.strokeStyle = "#000";
    target.lineWidth = line * 2;
    target.strokeText(text, x, y);
    target.fillText(text, x, y);
    target.lineWidth = line;
  }

  function listMeasurements() {
    if (!measurementsList) {
      return;
    }
    var instance = current();
    measurementsList.textContent = "";
    if (!instance) {
      return;
    }
    annotationsOf(instance).forEach(function (annotation) {
      var item = document.createElement("li");
      var names = { length: "Length", angle: "Angle", text: "Text", arrow: "Arrow" };
      item.textContent = names[annotation.type] + (annotation.type === "arrow" ? "" : ": " + label(instance, annotation));
      measurementsList.appendChild(item);
    });
  }

  // `rect` is the canvas's box, read once when a drag starts so moves never force a layout.
  function imagePoint(event, rect) {
    var instance = current();
    var ratio = canvas.width / rect.width;
    var t = transform(instance);
    return {
      x: ((event.clientX - rect.left) * ratio - t.x) / t.scale,
      y: ((event.clientY - rect.top) * ratio - t.y) / t.scale
    };
  }

  // MARK: Pointer, wheel and keys

  var pointers = {};
  var drag = null;

  function pointerCount() {
    return Object.keys(pointers).length;
  }

  canvas.addEventListener("pointerdown", function (event) {
    var instance = current();
    if (!instance || !instance.pixels) {
      return;
    }
    canvas.focus();
    canvas.setPointerCapture(event.pointerId);
    pointers[event.pointerId] = { x: event.clientX, y: event.clientY };
    if (pointerCount() === 2) {
      // A second finger: pinch to zoom and pan, whatever the tool.
      viewer.drawing = null;
      drag = { pinch: pinchState() };
      return;
    }
    var rect = canvas.getBoundingClientRect();
    var point = imagePoint(event, rect);
    drag = { x: event.clientX, y: event.clientY, startIndex: viewer.index, travelled: 0, rect: rect };
    if (viewer.tool === "length" || viewer.tool === "arrow") {
      viewer.drawing = { instance: instance, annotation: { type: viewer.tool, points: [point, point] } };
    } else if (viewer.tool === "angle") {
      if (!viewer.drawing || viewer.drawing.instance !== instance) {
        viewer.drawing = { instance: instance, annotation: { type: "angle", points: [point, point] } };
      } else {
        var placed = viewer.drawing.annotation.points;
        placed[placed.length - 1] = point;
      }
    } else if (viewer.tool === "text") {
      var text = (textInput && textInput.value.trim()) || "Note";
      annotationsOf(instance).push({ type: "text", points: [point], text: text });
      listMeasurements();
      scheduleRender();
    }
    event.preventDefault();
  });

  function pinchState() {
    var ids = Object.keys(pointers);
    var a = pointers[ids[0]];
    var b = pointers[ids[1]];
    return {
      distance: Math.max(1, Math.hypot(a.x - b.x, a.y - b.y)),
      x: (a.x + b.x) / 2,
      y: (a.y + b.y) / 2,
      zoom: viewer.zoom,
      panX: viewer.panX,
      panY: viewer.panY
    };
  }

  canvas.addEventListener("pointermove", function (event) {
    if (!pointers[event.pointerId] || !drag) {
      return;
    }
    pointers[event.pointerId] = { x: event.clientX, y: event.clientY };
    if (drag.pinch) {
      if (pointerCount() === 2) {
        var now = pinchState();
        viewer.zoom = Math.min(20, Math.max(0.2, drag.pinch.zoom * now.distance / drag.pinch.distance));
        viewer.panX = drag.pinch.panX + (now.x - drag.pinch.x);
        viewer.panY = drag.pinch.panY + (now.y - drag.pinch.y);
        scheduleRender();
      }
      return;
    }
    var dx = event.clientX - drag.x;
    var dy = event.clientY - drag.y;
    drag.x = event.clientX;
    drag.y = event.clientY;
    drag.travelled += Math.abs(dx) + Math.abs(dy);
    var instance = current();
    if (viewer.tool === "window") {
      dragWindow(dx, dy);
    } else if (viewer.tool === "pan") {
      viewer.panX += dx;
      viewer.panY += dy;
      scheduleRender();
    } else if (viewer.tool === "zoom") {
      viewer.zoom = Math.min(20, Math.max(0.2, viewer.zoom * Math.exp(-dy / 150)));
      scheduleRender();
    } else if (viewer.tool === "scroll") {
      // Touch drag through the series: one image per 8 CSS pixels.
      drag.scrolled = (drag.scrolled || 0) + dy;
      var steps = Math.trunc(drag.scrolled / 8);
      if (steps !== 0) {
        drag.scrolled -= steps * 8;
        show(viewer.index + steps);
      }
    } else if (viewer.drawing && viewer.drawing.instance === instance) {
      var points = viewer.drawing.annotation.points;
      points[points.length - 1] = imagePoint(event, drag.rect);
      scheduleRender();
    }
  });

  // Right widens, up brightens (lower centre), scaled to the window so both CT and radiographs feel alike;
  // moves between two frames add up into one redraw (scheduleRender).
  function dragWindow(dx, dy) {
    viewer.busyUntil = performance.now() + 300;
    var step = Math.max(viewer.width / 256, 0.1);
    setWindow(viewer.center - dy * step, viewer.width + dx * step);
    if (presetSelect && presetSelect.value !== "custom") {
      presetSelect.value = "custom";
    }
  }

  function endPointer(event) {
    if (!pointers[event.pointerId]) {
      return;
    }
    delete pointers[event.pointerId];
    if (drag && drag.pinch) {
      if (pointerCount() === 0) {
        drag = null;
      }
      return;
    }
    drag = null;
    var drawing = viewer.drawing;
    if (!drawing) {
      return;
    }
    var annotation = drawing.annotation;
    var points = annotation.points;
    if (annotation.type === "angle") {
      // Three points, the vertex in the middle: click each, or drag the first arm then drag the second.
      if (distance(points[points.length - 2], points[points.length - 1]) < 2) {
        return;
      }
      if (points.length < 3) {
        points.push({ x: points[1].x, y: points[1].y });
        return;
      }
    }
    if (distance(points[0], points[points.length - 1]) >= 2 || annotation.type === "angle") {
      annotationsOf(drawing.instance).push(annotation);
    }
    viewer.drawing = null;
    listMeasurements();
    scheduleRender();
  }

  function distance(a, b) {
    return Math.hypot(a.x - b.x, a.y - b.y);
  }

  canvas.addEventListener("pointerup", endPointer);
  canvas.addEventListener("pointercancel", endPointer);

  canvas.addEventListener("wheel", function (event) {
    if (!viewer.series) {
      return;
    }
    event.preventDefault();
    if (event.ctrlKey) {
      viewer.zoom = Math.min(20, Math.max(0.2, viewer.zoom * Math.exp(-event.deltaY / 300)));
      scheduleRender();
      return;
    }
    show(viewer.index + (event.deltaY > 0 ? 1 : -1));
  }, { passive: false });

  canvas.addEventListener("keydown", function (event) {
    if (!viewer.series) {
      return;
    }
    var count = viewer.series.instances.length;
    var moves = { ArrowDown: 1, ArrowRight: 1, ArrowUp: -1, ArrowLeft: -1, PageDown: 10, PageUp: -10 };
    if (moves[event.key] !== undefined) {
      show(viewer.index + moves[event.key]);
    } else if (event.key === "Home") {
      show(0);
    } else if (event.key === "End") {
      show(count - 1);
    } else if (event.key === "Escape") {
      viewer.drawing = null;
      scheduleRender();
    } else {
      return;
    }
    event.preventDefault();
  });

  slider.addEventListener("input", function () {
    show(parseInt(slider.value, 10) - 1);
  });

  function show(index) {
    if (!viewer.series) {
      return;
    }
    var count = viewer.series.instances.length;
    var next = Math.max(0, Math.min(count - 1, index));
    if (next === viewer.index && current().pixels) {
      return;
    }
    viewer.index = next;
    viewer.drawing = null;
    slider.value = String(next + 1);
    setField("export-instance", current().uid);
    describeSpacing();
    updatePosition();
    listMeasurements();
    scheduleRender();
  }
  viewer.show = show;

  function updatePosition() {
    if (!viewer.series) {
      return;
    }
    var count = viewer.series.instances.length;
    var text = "Image " + (viewer.index + 1) + " of " + count;
    if (viewer.series.loaded < count) {
      text += " (" + viewer.series.loaded + " loaded)";
    }
    positionText.textContent = text;
    slider.setAttribute("aria-valuetext", text);
    root.setAttribute("data-loaded", String(viewer.series.loaded));
    root.setAttribute("data-count", String(count));
    // When the whole series is in memory, from the start of navigation (the benchmark reads it).
    if (!viewer.series.partial && viewer.series.loaded >= count && !viewer.series.loadedMs) {
      viewer.series.loadedMs = Math.round(performance.now());
      root.setAttribute("data-loaded-ms", String(viewer.series.loadedMs));
    }
  }

  function describeSpacing() {
    var instance = current();
    if (!instance || !spacingText) {
      return;
    }
    if (instance.spacingSource === "pixel") {
      spacingText.textContent = "Lengths in millimetres from Pixel Spacing (" + instance.spacing[0] + " × " +
        instance.spacing[1] + " mm).";
    } else if (instance.spacingSource === "imager") {
      spacingText.textContent = "No Pixel Spacing: lengths use Imager Pixel Spacing (" + instance.spacing[0] + " × " +
        instance.spacing[1] + " mm), measured at the detector and not corrected for magnification.";
    } else {
      spacingText.textContent = "No pixel spacing is recorded: lengths are in image pixels, not millimetres.";
    }
  }

  // Written only when it changes: a drag redraws every frame, and the status is a live region.
  function say(text) {
    if (text !== shownStatus) {
      shownStatus = text;
      statusText.textContent = text;
    }
  }

  function setField(id, text) {
    var field = document.getElementById(id);
    if (field) {
      field.value = text;
    }
  }

  // MARK: Tools, presets, export

  document.querySelectorAll("[data-tool]").forEach(function (button) {
    button.addEventListener("click", function () {
      viewer.tool = button.getAttribute("data-tool");
      viewer.drawing = null;
      document.querySelectorAll("[data-tool]").forEach(function (other) {
        other.setAttribute("aria-pressed", other === button ? "true" : "false");
      });
      scheduleRender();
    });
  });

  if (presetSelect) {
    presetSelect.addEventListener("change", function () {
      var choice = presetSelect.value;
      if (choice === "stored") {
        resetWindow();
        scheduleRender();
      } else if (PRESETS[choice]) {
        setWindow(PRESETS[choice][0], PRESETS[choice][1]);
      }
    });
  }

  var resetButton = document.getElementById("viewer-reset");
  if (resetButton) {
    resetButton.addEventListener("click", function () {
      viewer.zoom = 1;
      viewer.panX = 0;
      viewer.panY = 0;
      resetWindow();
      scheduleRender();
    });
  }

  var clearButton = document.getElementById("viewer-clear");
  if (clearButton) {
    clearButton.addEventListener("click", function () {
      var instance = current();
      if (instance) {
        viewer.annotations[instance.uid] = [];
        viewer.drawing = null;
        listMeasurements();
        scheduleRender();
      }
    });
  }

  // The image at its own resolution with the current window, annotations burned in.
  function exportPNG() {
    var instance = current();
    if (!instance || !instance.pixels) {
      return;
    }
    paintImage(instance);
    var out = document.createElement("canvas");
    out.width = instance.columns;
    out.height = instance.rows;
    var target = out.getContext("2d");
    target.drawImage(imageCanvas, 0, 0);
    drawAnnotations(target, instance, Math.max(1, (window.devicePixelRatio || 1) * 512 / Math.max(instance.columns, 512)));
    out.toBlob(function (blob) {
      var link = document.createElement("a");
      link.href = URL.createObjectURL(blob);
      link.download = "image-" + instance.number + ".png";
      document.body.appendChild(link);
      link.click();
      link.remove();
      root.setAttribute("data-last-export", "image/png " + out.width + "x" + out.height + " " + blob.size);
      window.setTimeout(function () { URL.revokeObjectURL(link.href); }, 10000);
    }, "image/png");
  }
  var pngButton = document.getElementById("viewer-png");
  if (pngButton) {
    pngButton.addEventListener("click", exportPNG);
  }

  // The table for a described instance under a window, for the browser test's checks of pixel formats.
  viewer.lookupTableFor = function (instance, center, width) {
    viewer.center = center;
    viewer.width = width;
    return Array.prototype.slice.call(lookupTable(instance)).map(function (entry) { return entry & 0xff; });
  };

  // Throughput of window/level for the benchmark: `count` updates, each a new table and a full repaint.
  viewer.benchmarkWindowing = function (count) {
    var instance = current();
    var started = performance.now();
    for (var i = 0; i < count; i++) {
      viewer.center = instance.center === null ? 40 : instance.center;
      viewer.center += (i % 50) - 25;
      viewer.width = 400 + (i % 100);
      render();
    }
    return count / ((performance.now() - started) / 1000);
  };

  // Scrolling rate through a loaded series for the benchmark: every image shown once, in order.
  viewer.benchmarkScrolling = function () {
    var count = viewer.series.instances.length;
    var started = performance.now();
    for (var i = 0; i < count; i++) {
      viewer.index = i;
      render();
    }
    return count / ((performance.now() - started) / 1000);
  };

  // Updates the screen shows per second for the benchmark, through the paths a person drives: one drag step
  // of window and level (`kind` "window", as pointermove calls it) or one image on (`kind` "scroll", as the
  // wheel and arrow keys call it) each animation frame for `milliseconds`, counting the redraws that follow.
  // The display's frame rate (60 Hz) is the ceiling; a redraw slower than a frame lowers the figure.
  viewer.benchmarkPresented = function (kind, milliseconds) {
    return new Promise(function (resolve) {
      var started = null;
      var first = 0;
      var step = 0;
      function frame(now) {
        if (started === null) {
          started = now;
          first = viewer.renders;
        } else if (now - started >= milliseconds) {
          resolve((viewer.renders - first) / ((now - started) / 1000));
          return;
        }
        if (kind === "window") {
          var out = step % 20 < 10 ? 1 : -1;
          dragWindow(4 * out, -2 * out);
        } else {
          show((viewer.index + 1) % viewer.series.instances.length);
        }
        step++;
        window.requestAnimationFrame(frame);
      }
      window.requestAnimationFrame(frame);
    });
  };

  document.querySelectorAll(".viewer__series").forEach(function (button) {
    button.addEventListener("click", function () {
      openSeries(button.getAttribute("data-study"), button.getAttribute("data-series"),
        button.getAttribute("data-first"));
    });
  });

  function stageResized() {
    stageSize = null;
    scheduleRender();
  }
  if (window.ResizeObserver) {
    new ResizeObserver(function (entries) {
      var box = entries[entries.length - 1].contentRect;
      stageSize = { width: box.width, height: box.height };
      scheduleRender();
    }).observe(stage);
  }
  // A change of device pixel ratio (zoom, another screen) changes no CSS size, so no ResizeObserver entry.
  window.addEventListener("resize", stageResized);

  var study = root.getAttribute("data-study");
  var series = root.getAttribute("data-series");
  if (study && series) {
    openSeries(study, series, root.getAttribute("data-first"));
  } else {
    say("Choose a series.");
  }
})();
