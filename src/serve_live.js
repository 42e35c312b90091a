// Served only by `gongkai serve`: reloads the page after a rebuild and shows a failed build's
// error over the page (the last good site stays underneath).
(function () {
  var version = null;
  var box = null;
  function show(error) {
    if (!error) { if (box) { box.remove(); box = null; } return; }
    if (!box) {
      box = document.createElement('div');
      box.setAttribute('role', 'alert');
      box.id = 'gongkai-build-error';
      box.style.cssText = 'position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;background:#fff;color:#8b0000;border-top:4px solid #8b0000;padding:1rem;z-index:9999;font:14px/1.4 monospace;white-space:pre-wrap';
      document.body.appendChild(box);
    }
    box.textContent = 'Build failed — showing the last good site.\n\n' + error;
  }
  function poll() {
    fetch('/__gongkai/status', { cache: 'no-store' }).then(function (r) { return r.json(); }).then(function (s) {
      if (version !== null && s.version !== version) { location.reload(); return; }
      version = s.version;
      show(s.error);
    }).catch(function () {}).finally(function () { setTimeout(poll, 700); });
  }
  poll();
})();
