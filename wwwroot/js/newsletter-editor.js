// The newsletter editor: the building-block buttons put a block on a line of its own where the cursor is, then
// tell htmx the text changed so it is autosaved and the preview redrawn. Without JavaScript the buttons stay
// hidden and staff type the block's line themselves.
(function () {
    'use strict';

    function insertOnOwnLine(textarea, text) {
        var value = textarea.value;
        var at = typeof textarea.selectionStart === 'number' ? textarea.selectionStart : value.length;
        var before = value.slice(0, at);
        var after = value.slice(at);
        var lead = before.length === 0 || /\n\n$/.test(before) ? '' : /\n$/.test(before) ? '\n' : '\n\n';
        var tail = after.length === 0 || /^\n\n/.test(after) ? '\n' : /^\n/.test(after) ? '\n' : '\n\n';
        textarea.value = before + lead + text + tail + after;
        var caret = (before + lead + text + tail).length;
        textarea.focus();
        textarea.setSelectionRange(caret, caret);
        textarea.dispatchEvent(new Event('input', { bubbles: true }));
    }

    function start() {
        var body = document.getElementById('Body');
        if (!body) return;
        document.querySelectorAll('[data-insert-block]').forEach(function (button) {
            button.hidden = false;
            button.addEventListener('click', function () {
                insertOnOwnLine(body, button.getAttribute('data-insert-block'));
            });
        });
    }

    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
    else start();
})();
