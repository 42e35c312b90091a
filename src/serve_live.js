// Served only by `gongkai serve`: reloads the page after a rebuild and shows a failed build's
// error over the page (the last good site stays underneath, if there is one).
(function () {
  var version = null;
  var box = null;
  function show(error, site) {
    if (!error) { if (box) { box.remove(); box = null; } return; }
    if (!box) {
      box = document.createElement('div');
      box.setAttribute('role', 'alert');
      box.id = 'gongkai-build-error';
      box.style.cssText = 'position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;background:#fff;color:#8b0000;border-top:4px solid #8b0000;padding:1rem;z-index:9999;font:14px/1.4 monospace;white-space:pre-wrap';
      document.body.appendChild(box);
    }
    box.textContent = headline(site) + '\n\n' + error;
  }
  // in the page's language; both on a page that names none (the fallback 404)
  function headline(site) {
    var en = site ? 'Build failed — showing the last good site.'
      : 'Build failed — there is no site yet: fix the problem below and save, and the site is built.';
    var zh = site ? '建置失敗——仍顯示上次成功建置的網站。'
      : '建置失敗——尚無網站：請修正下列問題並存檔，網站就會建置。';
    var lang = document.documentElement.lang || '';
    if (lang.indexOf('en') === 0) return en;
    if (lang.indexOf('zh') === 0) return zh;
    return zh + '\n' + en;
  }
  function poll() {
    fetch('/__gongkai/status', { cache: 'no-store' }).then(function (r) { return r.json(); }).then(function (s) {
      if (version !== null && s.version !== version) { location.reload(); return; }
      version = s.version;
      show(s.error, s.site);
    }).catch(function () {}).finally(function () { setTimeout(poll, 700); });
  }
  poll();
})();
