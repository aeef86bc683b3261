// planportal dev: reload this page when the site is rebuilt (served only by planportal dev).
(function () {
  var me = document.currentScript;
  var version = me ? me.getAttribute('data-version') : '';
  var overlay = document.getElementById('planportal-dev-overlay');
  if (overlay) {
    overlay.addEventListener('click', function () { overlay.remove(); });
  }
  if (!window.EventSource) return;
  var es = new EventSource('/_planportal/events');
  function check(e) { if (e.data !== version) location.reload(); }
  es.addEventListener('hello', check); // also after the dev server restarted
  es.addEventListener('reload', check);
  es.addEventListener('index', function () {
    if (location.pathname === '/search/' && location.search) location.reload();
  });
})();
