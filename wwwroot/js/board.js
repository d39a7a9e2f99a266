// The live board, live. Without this file the board still works: every action is a plain form and the page is the
// answer. With it, the same forms go through the hub, and every numbered change from the server is applied once, in
// order: a change already seen is ignored; a gap waits a moment for the missing number, then asks the server for
// everything after the last number applied (as does every reconnection).
(function () {
  'use strict';

  var root = document.querySelector('[data-board]');
  if (!root || !window.signalR || !root.querySelector('[data-posts]')) return;

  var eventId = Number(root.dataset.eventId);
  var isStaff = root.dataset.role === 'staff';
  var timeZone = root.dataset.timeZone;
  var last = Number(root.dataset.after) || 0;
  var mine = new Set(JSON.parse(root.dataset.mine || '[]'));
  var myVotes = new Set(JSON.parse(root.dataset.myVotes || '[]'));
  var phase = root.dataset.phase;
  var sort = root.dataset.sort === 'newest' ? 'newest' : 'top';
  var list = root.querySelector('[data-posts]');
  var queue = root.querySelector('[data-queue]');
  var template = root.querySelector('template[data-post-template]');
  var announcer = root.querySelector('[data-announcer]');
  var errorBox = root.querySelector('[data-board-error]');
  var connectionNote = root.querySelector('[data-connection]');
  var editableMs = 5 * 60 * 1000;

  // What this screen holds of each post: the view last applied (by post id).
  var posts = new Map();
  var pending = new Map();
  var gapTimer = null;
  var joined = false;
  var stopped = false;

  var timeFormat = new Intl.DateTimeFormat('en-GB', { timeZone: timeZone, hour: '2-digit', minute: '2-digit', hour12: false });

  // ---- Reading what the server rendered --------------------------------------------------------------------

  // Each rendered post carries its view (data-view, the same JSON the hub sends), with no sequence number: any
  // numbered change to it is newer than the page.
  function readRendered(li) {
    var view = JSON.parse(li.dataset.view);
    view.sequence = 0;
    view.element = li;
    posts.set(view.id, view);
  }
  root.querySelectorAll('[data-post-id]').forEach(function (li) {
    if (li.closest('template')) return;
    readRendered(li);
  });

  // ---- Showing one post -------------------------------------------------------------------------------------

  function show(el, visible) { if (el) el.hidden = !visible; }
  function text(el, value) { if (el) el.textContent = value == null ? '' : String(value); }

  function editable(view) {
    return mine.has(view.id) && phase === 'open' && (view.state === 'visible' || view.state === 'held') &&
      Date.now() - Date.parse(view.createdAt) < editableMs;
  }

  function fill(li, view, body) {
    var id = view.id;
    li.id = 'post-' + id;
    li.dataset.postId = id;
    li.classList.toggle('board-post--pinned', !!view.pinned);
    li.querySelector('article').setAttribute('aria-labelledby', 'post-' + id + '-meta');
    li.querySelector('.board-post__meta').id = 'post-' + id + '-meta';
    li.querySelectorAll('input[name="PostId"]').forEach(function (input) { input.value = id; });

    text(li.querySelector('[data-kind]'), view.kind === 'learning' ? 'Shared learning' : 'Question');
    text(li.querySelector('[data-author]'), view.author || 'Anonymous');
    var time = li.querySelector('[data-time]');
    time.setAttribute('datetime', view.createdAt);
    text(time, timeFormat.format(new Date(view.createdAt)));
    show(li.querySelector('[data-pinned]'), view.pinned);
    show(li.querySelector('[data-answered]'), view.answered);
    show(li.querySelector('[data-edited]'), view.edited);

    var removed = view.state === 'removed';
    var held = view.state === 'held';
    text(li.querySelector('[data-body]'), body);
    show(li.querySelector('[data-body]'), body != null && !removed);
    show(li.querySelector('[data-removed]'), removed);
    show(li.querySelector('[data-waiting]'), held && !isStaff);
    text(li.querySelector('[data-reply]'), view.reply);
    show(li.querySelector('[data-reply-box]'), !!view.reply);
    li.querySelectorAll('[data-votes]').forEach(function (el) { text(el, view.votes); });

    if (isStaff) {
      li.querySelectorAll('[data-posted-by-name]').forEach(function (el) { text(el, view.postedBy); });
      show(li.querySelector('[data-posted-by]'), !view.author);
      show(li.querySelector('[data-held]'), held);
      text(li.querySelector('[data-held-because]'), view.heldBecause);
      show(li.querySelector('[data-reports]'), view.reports > 0);
      text(li.querySelector('[data-report-count]'), view.reports);
      text(li.querySelector('[data-report-word]'), view.reports === 1 ? 'person' : 'people');
      var participant = li.querySelector('[data-participant-id]');
      if (participant) participant.value = view.participantId;
      var visible = view.state === 'visible';
      var when = {
        Approve: held, Hide: visible || held, Unhide: removed, Pin: visible && !view.pinned, Unpin: view.pinned,
        MarkAnswered: visible && !view.answered && view.kind === 'question', MarkUnanswered: view.answered,
        ForNewsletter: view.kind === 'learning' && !view.forNewsletter && !removed, NotForNewsletter: view.forNewsletter,
        DismissReports: view.reports > 0,
      };
      li.querySelectorAll('[data-moderate]').forEach(function (button) { show(button, !!when[button.dataset.moderate]); });
      var reply = li.querySelector('[data-reply-text]');
      if (reply && document.activeElement !== reply) {
        reply.value = view.reply || '';
        reply.id = 'reply-' + id;
        reply.previousElementSibling.setAttribute('for', 'reply-' + id);
      }
    } else {
      var voted = myVotes.has(id);
      show(li.querySelector('[data-action="vote"]'), view.state === 'visible');
      var button = li.querySelector('[data-vote-button]');
      button.disabled = !(phase === 'open' && !mine.has(id));
      button.setAttribute('aria-pressed', voted ? 'true' : 'false');
      li.querySelector('[data-vote-up]').value = voted ? 'false' : 'true';
      text(li.querySelector('[data-vote-label]'), voted ? 'votes: take back your vote' : 'votes: upvote');
      show(li.querySelector('[data-action="report"]'), view.state === 'visible' && !mine.has(id) && phase === 'open');
      var canChange = editable(view);
      var edit = li.querySelector('[data-edit]');
      edit.href = '?edit=' + id + '#post-' + id;
      show(edit, canChange);
      show(li.querySelector('[data-action="delete"]'), canChange);
    }
  }

  // Where a post belongs on this screen: nowhere, the moderators' queue, or the list.
  function placeOf(view) {
    if (view.state === 'deleted') return null;
    if (isStaff) return (view.state === 'held' || (view.reports > 0 && view.state === 'visible')) ? queue : list;
    if (view.state === 'held' && !mine.has(view.id)) return null;
    return list;
  }

  // Applies a post's view if it is newer than what this screen shows (or, with force, the answer to this screen's
  // own action, which may carry more than the broadcast of the same change); returns true when the post is new here.
  function upsert(view, force) {
    var known = posts.get(view.id);
    if (!force && known && known.sequence >= view.sequence && known.sequence > 0) return false;
    var li = known ? known.element : null;
    // Participants' views of held posts carry no text: their author keeps the text they typed.
    var body = view.body != null ? view.body : (known && view.state === 'held' ? known.body : null);
    var place = placeOf(view);
    if (!place) {
      if (li) li.remove();
      posts.set(view.id, Object.assign({}, view, { body: body, element: null }));
      return false;
    }
    var isNew = !li;
    if (!li) {
      li = template.content.firstElementChild.cloneNode(true);
      li.removeAttribute('data-view');
    }
    fill(li, view, body);
    if (li.parentNode !== place) place.appendChild(li);
    posts.set(view.id, Object.assign({}, view, { body: body, element: li }));
    return isNew;
  }

  function order() {
    var keep = document.activeElement;
    [list, queue].forEach(function (container) {
      if (!container) return;
      var items = Array.prototype.slice.call(container.children);
      items.sort(function (a, b) {
        var pa = posts.get(Number(a.dataset.postId)), pb = posts.get(Number(b.dataset.postId));
        if (container === queue) return Date.parse(pa.createdAt) - Date.parse(pb.createdAt);
        if (!!pb.pinned !== !!pa.pinned) return pb.pinned ? 1 : -1;
        if (sort === 'top' && pb.votes !== pa.votes) return pb.votes - pa.votes;
        var byTime = Date.parse(pa.createdAt) - Date.parse(pb.createdAt);
        return sort === 'newest' ? -byTime : byTime;
      });
      var inOrder = items.every(function (item, i) { return container.children[i] === item; });
      if (!inOrder) items.forEach(function (item) { container.appendChild(item); });
    });
    if (keep && keep !== document.activeElement && document.contains(keep)) keep.focus({ preventScroll: true });
    show(root.querySelector('[data-empty]'), list.children.length === 0);
    if (queue) {
      text(root.querySelector('[data-queue-count]'), queue.children.length);
      show(root.querySelector('[data-queue-empty]'), queue.children.length === 0);
    }
  }

  function announce(message) {
    if (!announcer) return;
    // A fresh text node each time, so screen readers read a repeated message again.
    announcer.textContent = '';
    window.setTimeout(function () { announcer.textContent = message; }, 50);
  }

  function describe(view) {
    var what = view.kind === 'learning' ? 'New shared learning' : 'New question';
    var body = view.body || '';
    return what + ' from ' + (view.author || 'someone, anonymously') + ': ' + (body.length > 140 ? body.slice(0, 140) + '…' : body);
  }

  // ---- Numbered changes --------------------------------------------------------------------------------------

  function applyChange(change) {
    if (change.post) {
      var isNew = upsert(change.post);
      if (isNew && change.post.state === 'visible' && !mine.has(change.post.id)) announce(describe(change.post));
    }
    if (change.board) applyBoard(change.board);
  }

  function onChanged(change) {
    if (change.eventId !== eventId || change.sequence <= last) return;
    pending.set(change.sequence, change);
    drain();
  }

  function drain() {
    while (pending.has(last + 1)) {
      var change = pending.get(last + 1);
      pending.delete(last + 1);
      applyChange(change);
      last += 1;
    }
    pending.forEach(function (_, sequence) { if (sequence <= last) pending.delete(sequence); });
    root.dataset.applied = String(last); // the last number this screen has applied (tests read it)
    order();
    if (pending.size > 0 && !gapTimer) {
      // A later number came first: usually the missing one is a moment behind; if not, ask for it.
      gapTimer = window.setTimeout(function () {
        gapTimer = null;
        if (pending.size > 0) sync();
      }, 1500);
    }
  }

  function applySync(result) {
    if (result.removed) return removedFromBoard();
    result.myPosts.forEach(function (id) { mine.add(id); });
    myVotes = new Set(result.myVotes);
    result.posts.forEach(upsert);
    applyBoard(result.board);
    last = Math.max(last, result.upTo);
    // Views in the result already reflect my votes; refresh the ones it didn't carry.
    posts.forEach(function (view) { if (view.element) fill(view.element, view, view.body); });
    drain();
  }

  function applyBoard(board) {
    var changedPhase = board.phase !== phase;
    phase = board.phase;
    if (changedPhase) {
      // Opening or closing changes which forms the page has: let the server draw it (spread out a little).
      window.setTimeout(function () { window.location.reload(); }, Math.random() * 3000);
    }
    if (isStaff) {
      var status = root.querySelector('[data-premoderation-status] strong');
      var form = root.querySelector('[data-action="premoderation"]');
      if (status && form) {
        text(status, board.preModeration ? 'on' : 'off');
        text(root.querySelector('[data-premoderation-explained]'), board.preModeration ? form.dataset.whenOn : form.dataset.whenOff);
        root.querySelector('[data-premoderation-next]').value = board.preModeration ? 'false' : 'true';
        text(root.querySelector('[data-premoderation-button]'), board.preModeration ? 'Turn pre-moderation off' : 'Turn pre-moderation on');
      }
    }
  }

  // The board opens and closes at set times: reload then, so the page shows the right forms.
  ['opensAt', 'closesAt'].forEach(function (key) {
    var wait = Date.parse(root.dataset[key]) - Date.now();
    if (wait > 0 && wait < 24 * 3600 * 1000) window.setTimeout(function () { window.location.reload(); }, wait + 1000 + Math.random() * 3000);
  });
  // Edit and delete go away five minutes after posting.
  window.setInterval(function () {
    if (isStaff) return;
    mine.forEach(function (id) { var view = posts.get(id); if (view && view.element) fill(view.element, view, view.body); });
  }, 30000);

  // ---- The connection ----------------------------------------------------------------------------------------

  var connection = new signalR.HubConnectionBuilder()
    .withUrl('/hubs/board', { skipNegotiation: true, transport: signalR.HttpTransportType.WebSockets })
    .withAutomaticReconnect({
      // Keep trying for as long as the page is open: quickly at first, then every 10-15 seconds.
      nextRetryDelayInMilliseconds: function (context) {
        return Math.min(10000, 500 * Math.pow(2, context.previousRetryCount)) + Math.random() * 1000;
      },
    })
    .build();

  connection.on('changed', onChanged);
  connection.on('removed', function (id) { if (id === eventId) removedFromBoard(); });
  connection.onreconnecting(function () {
    joined = false;
    note('Connection lost: reconnecting… You can keep reading; anything you send will go as a normal form.');
  });
  connection.onreconnected(function () { join(); });
  connection.onclose(function () {
    joined = false;
    if (stopped) return;
    note('Connection lost: trying again…');
    window.setTimeout(start, 5000);
  });

  function note(message) {
    if (!connectionNote) return;
    text(connectionNote, message);
    show(connectionNote, !!message);
  }

  function join() {
    return connection.invoke('Join', eventId, last).then(function (result) {
      joined = true;
      note('');
      applySync(result);
    }).catch(function (error) { showError(error); });
  }

  function sync() {
    if (!joined) return Promise.resolve();
    return connection.invoke('Sync', eventId, last).then(applySync).catch(function () { /* the next reconnect syncs */ });
  }

  function start() {
    if (connection.state !== signalR.HubConnectionState.Disconnected) return;
    connection.start().then(join).catch(function () {
      note('Live updates are not connected: trying again… You can still post; reload the page to see new posts.');
      window.setTimeout(start, 5000 + Math.random() * 5000);
    });
  }

  function removedFromBoard() {
    joined = false;
    stopped = true;
    connection.stop();
    list.replaceChildren();
    var compose = root.querySelector('[data-compose]');
    if (compose) compose.remove();
    showError('A moderator has removed you from this board.');
  }

  // ---- Sending: the forms, through the hub when connected ------------------------------------------------------

  function messageOf(error) {
    var message = (error && error.message) || String(error);
    var marker = 'HubException: ';
    var at = message.indexOf(marker);
    return at >= 0 ? message.slice(at + marker.length) : 'That did not go through. Please try again.';
  }

  function showError(error) {
    if (!errorBox) return;
    text(errorBox, typeof error === 'string' ? error : messageOf(error));
    show(errorBox, true);
  }

  function clearError() { show(errorBox, false); }

  function postIdOf(form) { return Number(form.querySelector('input[name="PostId"]').value); }

  function send(form, submitter) {
    var action = form.dataset.action;
    var id = form.querySelector('input[name="PostId"]') ? postIdOf(form) : 0;
    switch (action) {
      case 'compose': {
        var body = form.querySelector('[data-compose-body]');
        var kind = form.querySelector('input[name="Kind"]:checked');
        var anonymous = form.querySelector('input[name="Anonymous"]');
        return connection.invoke('Post', eventId, kind ? kind.value : 'question', body.value, !!(anonymous && anonymous.checked))
          .then(function (view) {
            mine.add(view.id);
            body.value = '';
            upsert(view, true);
            order();
            announce(view.state === 'held'
              ? 'Thank you: your post is waiting for a moderator. Others will see it once it is approved.'
              : 'Your post is on the board.');
          });
      }
      case 'vote': {
        var up = form.querySelector('[data-vote-up]').value === 'true';
        return connection.invoke('Vote', eventId, id, up).then(function (view) {
          if (up) myVotes.add(id); else myVotes.delete(id);
          upsert(view, true);
          var known = posts.get(id);
          if (known && known.element) fill(known.element, known, known.body);
          order();
          announce(up ? 'Your vote is counted.' : 'Your vote is taken back.');
        });
      }
      case 'report':
        return connection.invoke('Report', eventId, id).then(function () { announce('Thank you: a moderator will look at that post.'); });
      case 'delete':
        return connection.invoke('Delete', eventId, id).then(function (view) { upsert(view, true); order(); announce('Your post is deleted.'); });
      case 'moderate':
        if (!submitter || !submitter.value) return null;
        return connection.invoke('Moderate', eventId, id, submitter.value)
          .then(function (view) { upsert(view, true); order(); });
      case 'reply':
        return connection.invoke('Reply', eventId, id, form.querySelector('[data-reply-text]').value)
          .then(function (view) { upsert(view, true); announce(view.reply ? 'Your reply is under the post.' : 'The reply is taken away.'); });
      case 'remove':
        return connection.invoke('RemoveParticipant', eventId, Number(form.querySelector('[data-participant-id]').value))
          .then(function () { announce('They are removed from the board.'); });
      case 'premoderation':
        return connection.invoke('SetPreModeration', eventId, form.querySelector('[data-premoderation-next]').value === 'true')
          .then(function (board) { applyBoard(board); announce(board.preModeration ? 'Pre-moderation is on.' : 'Pre-moderation is off.'); });
    }
    return null;
  }

  var compose = root.querySelector('[data-compose]');
  if (compose) compose.dataset.action = 'compose';

  root.addEventListener('submit', function (e) {
    var form = e.target;
    if (!form.dataset.action || !joined || connection.state !== signalR.HubConnectionState.Connected) return; // a plain form post
    if (form.dataset.busy) { e.preventDefault(); return; }
    if (form.dataset.confirm && !window.confirm(form.dataset.confirm)) { e.preventDefault(); return; }
    var sending = send(form, e.submitter);
    if (!sending) return;
    e.preventDefault();
    clearError();
    form.dataset.busy = 'true';
    sending.catch(showError).then(function () { delete form.dataset.busy; });
  });

  // Sorting happens here, without a reload; the address changes so a refresh keeps it.
  root.querySelectorAll('[data-sort-link]').forEach(function (link) {
    link.addEventListener('click', function (e) {
      e.preventDefault();
      sort = link.dataset.sortLink;
      root.querySelectorAll('[data-sort-link]').forEach(function (other) {
        if (other === link) other.setAttribute('aria-current', 'true'); else other.removeAttribute('aria-current');
      });
      window.history.replaceState(null, '', link.href);
      order();
      announce(sort === 'top' ? 'Sorted by top votes.' : 'Sorted by newest first.');
    });
  });

  start();
})();
