package scheduletest

import (
	"testing"

	"github.com/briefbot/briefbot/bot/schedule"
)

func TestMemStore(t *testing.T) {
	StoreSuite(t, func(*testing.T) schedule.Store { return NewMemStore() })
}
