
document.addEventListener('click', function (event) {
  var button = event.target.closest('[data-show]');
  if (!button) { return; }
  event.preventDefault();
  var id = button.getAttribute('data-show');
  document.querySelectorAll('mark.active').forEach(function (m) { m.classList.remove('active'); });
  var marks = document.querySelectorAll('mark[data-claims~="' + CSS.escape(id) + '"]');
  marks.forEach(function (m) { m.classList.add('active'); });
  var status = document.getElementById('focus-status');
  if (status) { status.textContent = id + ': ' + marks.length + ' highlighted passage(s)'; }
  if (marks.length) { marks[0].scrollIntoView({block: 'center'}); }
});
