// Search from a copied folder (file://): browsers refuse to start a Web Worker from a file, and
// Material's search runs in one. On file:// pages only, Worker is replaced by a hidden frame
// that runs the same script and talks through the same postMessage/"message" interface (the
// approach of the iframe-worker shim Material suggests, written here so nothing is fetched from
// a CDN). Served over http(s) this file does nothing.
(function () {
  "use strict";
  if (location.protocol !== "file:" || typeof window.IFrameWorker !== "undefined") return;

  function IFrameWorker(url) {
    var host = this;
    this.listeners = [];
    this.onmessage = null;
    this.onerror = null;
    this.queue = [];
    this.frame = document.createElement("iframe");
    this.frame.hidden = true;
    this.frame.setAttribute("aria-hidden", "true");
    this.frame.setAttribute("tabindex", "-1");
    this.frame.title = document.documentElement.lang === "fr" ? "Recherche" : "Search";
    (document.body || document.documentElement).appendChild(this.frame);
    var scope = this.frame.contentWindow;
    var doc = this.frame.contentDocument;
    doc.open();
    doc.write("<!doctype html><html><head></head><body></body></html>");
    doc.close();

    // What a worker's global scope offers, as far as Material's search worker uses it.
    scope.importScripts = function () {
      var urls = Array.prototype.slice.call(arguments);
      return urls.reduce(function (previous, src) {
        return previous.then(function () {
          return new Promise(function (resolve, reject) {
            var script = doc.createElement("script");
            script.src = new URL(src, absolute).href;
            script.onload = function () { resolve(); };
            script.onerror = function () { reject(new Error("could not load " + src)); };
            doc.head.appendChild(script);
          });
        });
      }, Promise.resolve());
    };
    scope.postMessage = function (data) {
      setTimeout(function () { host.deliver(data); }, 0);
    };

    var absolute = new URL(url, document.baseURI).href;
    var script = doc.createElement("script");
    script.src = absolute;
    script.onload = function () {
      host.ready = true;
      host.queue.splice(0).forEach(function (data) { host.postMessage(data); });
    };
    script.onerror = function (event) {
      if (typeof host.onerror === "function") host.onerror(event);
    };
    doc.head.appendChild(script);
  }

  IFrameWorker.prototype.deliver = function (data) {
    var event = new MessageEvent("message", { data: data });
    if (typeof this.onmessage === "function") this.onmessage(event);
    this.listeners.forEach(function (entry) {
      if (entry.type === "message") entry.listener.call(null, event);
    });
  };
  IFrameWorker.prototype.postMessage = function (data) {
    if (!this.ready) {
      this.queue.push(data);
      return;
    }
    var scope = this.frame.contentWindow;
    scope.dispatchEvent(new scope.MessageEvent("message", { data: data }));
  };
  IFrameWorker.prototype.addEventListener = function (type, listener) {
    this.listeners.push({ type: type, listener: listener });
  };
  IFrameWorker.prototype.removeEventListener = function (type, listener) {
    this.listeners = this.listeners.filter(function (entry) {
      return entry.type !== type || entry.listener !== listener;
    });
  };
  IFrameWorker.prototype.terminate = function () {
    if (this.frame.parentNode) this.frame.parentNode.removeChild(this.frame);
  };

  window.IFrameWorker = IFrameWorker;
  window.Worker = IFrameWorker;
})();
